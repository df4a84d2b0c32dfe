// Every TypeScript example in README.md and docs/*.md runs as pasted and says what it prints.
// Each ```ts block is type-checked as a user's project would compile it — against the
// package's emitted declarations, under noUncheckedIndexedAccess — and run against the
// package source; every console.log's printed lines must equal the `// ` lines right under
// it (an annotation after two spaces in parentheses is not part of the output). A block
// fenced ```ts no-run (browser-only code) is type-checked but not run.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { format } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closePool } from '../../src/index.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCRATCH = join(ROOT, '.examples');
const PAGES = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

interface Example {
  page: string;
  index: number;
  code: string;
  run: boolean;
  /** The block as written, for the type check ('sizewise' resolves to the declarations). */
  file: string;
  /** The block with 'sizewise' pointed at the source, to run. */
  runFile: string;
}

const examples: Example[] = PAGES.flatMap((page) => {
  const text = readFileSync(join(ROOT, page), 'utf8');
  return [...text.matchAll(/^```ts( no-run)?\n([\s\S]*?)^```/gm)].map((m, index) => ({
    page,
    index,
    code: m[2],
    run: m[1] === undefined,
    file: join(SCRATCH, `${page.replace(/[/.]/g, '_')}_${index}.ts`),
    runFile: join(SCRATCH, `run_${page.replace(/[/.]/g, '_')}_${index}.ts`),
  }));
});

/** The expected output of each console.log, in order: the `// ` lines right under it. */
export function expectedOutputs(code: string): string[] {
  const lines = code.split('\n');
  const out: string[] = [];
  lines.forEach((line, i) => {
    if (!/^\s*console\.log\(/.test(line)) return;
    const expected: string[] = [];
    for (let j = i + 1; j < lines.length && /^\s*\/\/ /.test(lines[j]); j++) expected.push(lines[j].replace(/^\s*\/\/ /, '').replace(/\s{2,}\(.*\)$/, ''));
    out.push(expected.join('\n'));
  });
  return out;
}

/** The block as a module of its own; with `source`, its 'sizewise' imports point at the package source. */
function moduleOf(code: string, source: boolean): string {
  const index = join(ROOT, 'src/index.js').replace(/\\/g, '/');
  return `${source ? code.replace(/from 'sizewise'/g, `from '${index}'`) : code}\nexport {};\n`;
}

beforeAll(() => {
  rmSync(SCRATCH, { recursive: true, force: true });
  mkdirSync(SCRATCH, { recursive: true });
  for (const e of examples) {
    writeFileSync(e.file, moduleOf(e.code, false));
    writeFileSync(e.runFile, moduleOf(e.code, true));
  }
  writeFileSync(
    join(SCRATCH, 'tsconfig.json'),
    JSON.stringify({
      extends: join(ROOT, 'tsconfig.json'),
      compilerOptions: {
        noEmit: true,
        noUncheckedIndexedAccess: true,
        rootDir: SCRATCH,
        types: ['node'],
        typeRoots: [join(ROOT, 'node_modules/@types')],
        paths: { sizewise: [join(SCRATCH, 'types/src/index.d.ts')] },
      },
      files: examples.map((e) => e.file),
      include: [],
    }),
  );
});

afterAll(() => closePool());

describe('the examples in README.md and docs/*.md', () => {
  it('exist', () => expect(examples.length).toBeGreaterThan(10));

  it('type-check as pasted, with noUncheckedIndexedAccess', () => {
    const tsc = join(ROOT, 'node_modules/.bin/tsc');
    let output = '';
    try {
      // The declarations a user's compiler reads (what `npm run build` ships), then the examples against them.
      execFileSync(tsc, ['-p', join(ROOT, 'tsconfig.build.json'), '--emitDeclarationOnly', '--declaration', '--outDir', join(SCRATCH, 'types')], { encoding: 'utf8' });
      execFileSync(tsc, ['-p', join(SCRATCH, 'tsconfig.json')], { encoding: 'utf8' });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout ?? error);
    }
    // Name the page and block of each error, not the scratch file.
    const named = output.replace(/[^\s(]*\.examples\/([\w-]+)_md_(\d+)\.ts/g, (_, page: string, i: string) => `${page.replace(/_/g, '/')}.md block ${i}`);
    expect(named).toBe('');
  }, 120_000);

  for (const e of examples.filter((x) => x.run)) {
    it(`${e.page} block ${e.index} runs and prints what its comments say`, async () => {
      const printed: string[] = [];
      const log = console.log;
      const cwd = process.cwd();
      console.log = (...args: unknown[]) => void printed.push(format(...args));
      process.chdir(SCRATCH); // files an example writes (a journal.db) land in the scratch folder
      try {
        await import(pathToFileURL(e.runFile).href);
      } finally {
        console.log = log;
        process.chdir(cwd);
      }
      expect(printed).toEqual(expectedOutputs(e.code));
    });
  }
});
