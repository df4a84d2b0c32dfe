import fc from 'fast-check';
import { allBadValues } from './badValues.js';

/** Where a value sits inside a call's arguments: indices and keys from the argument list down. */
export type Path = readonly (string | number)[];

/** One way to spoil valid arguments. */
export type Mutation =
  | { kind: 'replace'; path: Path; value: unknown }
  | { kind: 'extraKey'; path: Path; key: string; value: unknown }
  | { kind: 'drop'; path: Path };

/** Paths of every value in `args` worth replacing: plain objects and arrays are walked (a few levels deep). */
export function sitesOf(args: readonly unknown[], maxDepth = 4): { leaves: Path[]; objects: Path[] } {
  const leaves: Path[] = [];
  const objects: Path[] = [];
  const walk = (value: unknown, path: Path, depth: number) => {
    leaves.push(path);
    if (depth >= maxDepth || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      // The first elements and the last are enough to reach every kind of element.
      const indices = value.length <= 4 ? value.map((_, i) => i) : [0, 1, value.length - 1];
      for (const i of indices) walk(value[i], [...path, i], depth + 1);
      return;
    }
    if (ArrayBuffer.isView(value)) {
      const n = (value as unknown as ArrayLike<number>).length;
      for (const i of n <= 2 ? [...Array(n).keys()] : [0, n - 1]) leaves.push([...path, i]);
      return;
    }
    if (Object.getPrototypeOf(value) !== Object.prototype) return; // class instances (Decimal, agents) are leaves
    objects.push(path);
    for (const key of Object.keys(value)) walk((value as Record<string, unknown>)[key], [...path, key], depth + 1);
  };
  args.forEach((a, i) => walk(a, [i], 0));
  leaves.push([args.length]); // one argument more than the call takes
  return { leaves, objects };
}

/** A fast-check arbitrary of mutations of `args` (the arguments are not touched). */
export function mutations(args: readonly unknown[]): fc.Arbitrary<Mutation> {
  const { leaves, objects } = sitesOf(args);
  const bad = fc.constantFrom(...allBadValues());
  const options: fc.Arbitrary<Mutation>[] = [fc.record({ kind: fc.constant('replace' as const), path: fc.constantFrom(...leaves), value: bad })];
  if (objects.length > 0) {
    options.push(fc.record({ kind: fc.constant('extraKey' as const), path: fc.constantFrom(...objects), key: fc.constantFrom('extra', 'constructor', '__proto__', 'toString', 'Infinity'), value: bad }));
  }
  const nested = leaves.filter((p) => p.length > 1);
  if (nested.length > 0) options.push(fc.record({ kind: fc.constant('drop' as const), path: fc.constantFrom(...nested) }));
  return fc.oneof(...options);
}

/** Applies a mutation to `args` in place (they must be a fresh copy). */
export function applyMutation(args: unknown[], m: Mutation): void {
  const parentOf = (path: Path): { parent: Record<string | number, unknown>; key: string | number } => {
    let parent = args as unknown as Record<string | number, unknown>;
    for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
    return { parent, key: path[path.length - 1] };
  };
  if (m.kind === 'replace') {
    const { parent, key } = parentOf(m.path);
    if (ArrayBuffer.isView(parent) && (typeof m.value !== 'number')) {
      // A typed array can only hold numbers: put the bad value in place of the whole column instead.
      const outer = parentOf(m.path.slice(0, -1));
      outer.parent[outer.key] = m.value;
      return;
    }
    parent[key] = m.value;
  } else if (m.kind === 'extraKey') {
    let target = args as unknown as Record<string | number, unknown>;
    for (const step of m.path) target = target[step] as Record<string | number, unknown>;
    // defineProperty, so a '__proto__' key becomes an own key as JSON.parse would make it.
    Object.defineProperty(target, m.key, { value: m.value, enumerable: true, configurable: true, writable: true });
  } else {
    const { parent, key } = parentOf(m.path);
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else if (!ArrayBuffer.isView(parent)) delete parent[key];
  }
}
