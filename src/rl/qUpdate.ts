// The facade of the Q-learning kernels (assembly/qUpdate.ts): the transition columns, where
// they live in WASM memory, and the calls that check and apply them. The twin is qUpdateTwin.ts.
import { SizewiseError, describeValue } from '../errors.js';
import { WasmColumnSet } from '../runtime/columnSet.js';
import { checkTypedColumn, columnSource } from '../runtime/copyColumnIn.js';
import { columnSetOf, exposeColumns } from '../runtime/exposeColumns.js';
import { loadWasm, wasmCore, type WasmCore } from '../runtime/wasm.js';
import { finite, inRange, integer } from '../validate.js';

/** A batch of transitions as columns (s, a, r, s′, done), applied in order. */
export interface TransitionBatch {
  state: Int32Array;
  action: Int32Array;
  reward: Float64Array;
  nextState: Int32Array;
  /** 1 when the episode ends at this transition (no bootstrap from s′), else 0. */
  done: Uint8Array;
}

/** Element kinds of the transition columns in WASM memory; the replay buffer holds the same. */
export const TRANSITION_COLUMNS = Object.freeze({ state: 'i32', action: 'i32', reward: 'f64', nextState: 'i32', done: 'u8' } as const);

const NAMES = Object.keys(TRANSITION_COLUMNS) as (keyof TransitionBatch)[];

/**
 * Largest |reward| of a transition. It bounds the table: each update moves Q[s,a] toward
 * r + γ·max Q, so |Q| ≤ (updates so far) × MAX_REWARD, far below the largest double for any
 * run that can finish; without a bound, rewards near 1e308 overflow the table to ±Infinity
 * and then NaN.
 */
export const MAX_REWARD = 1e15;

/**
 * Largest |Q| an agent can reach: each update moves |Q| by at most MAX_REWARD, and no
 * agent makes more than 2⁵³ updates. A saved table beyond it is not one of ours (and
 * would overflow to ±Infinity under further updates).
 */
export const MAX_Q_VALUE = MAX_REWARD * 2 ** 53;

/** Transition columns living in WASM memory: fill them in place and `update`/`train` read them with no copy. */
export type WasmTransitionColumns = TransitionBatch & {
  readonly length: number;
  release(): void;
};

/**
 * Columns for `n` transitions in WASM memory, for `agent.update()` and `agent.train()` to
 * read in place (no copy, and the rows are checked inside the kernel's first pass). The
 * properties are getters that rebuild their view when WASM memory has grown (any later
 * allocation may grow it), so read them through this object; `release()` frees them.
 * Contents start undefined.
 *
 * @example
 * const cols = await allocateTransitions(2);
 * cols.state.set([0, 1]); cols.action.set([1, 0]); cols.reward.set([0.5, -0.2]);
 * cols.nextState.set([1, 0]); cols.done.set([1, 1]);
 * agent.update(cols);
 * cols.release();
 */
export async function allocateTransitions(n: number): Promise<WasmTransitionColumns> {
  await loadWasm();
  return allocateTransitionsSync(n);
}

/** `allocateTransitions` after `await ready()`. */
export function allocateTransitionsSync(n: number): WasmTransitionColumns {
  integer(n, 'n', 1, 0x7fff_ffff);
  const set = new WasmColumnSet(wasmCore(), n, TRANSITION_COLUMNS);
  return exposeColumns({}, set, NAMES) as WasmTransitionColumns;
}

/** A Q-table in WASM memory, as the kernels see it. */
export interface QTableMemory {
  readonly core: WasmCore;
  readonly tablePtr: number;
  /** u32 visit counts per (state, action), beside the table. */
  readonly visitsPtr: number;
  readonly nStates: number;
  readonly nActions: number;
}

/** A batch's columns in WASM memory: read in place when they are ours, else a checked copy. */
interface StagedColumns {
  readonly rows: number;
  ptr(name: keyof TransitionBatch): number;
  view<K extends keyof TransitionBatch>(name: K): TransitionBatch[K];
  /** The caller's values, readable after the copy-in (a caller's view into WASM memory is copied out first, as the copy may detach it): to name a bad row and read the rewards. */
  readonly source: TransitionBatch;
  release(): void;
}

/**
 * Applies `batch` to the table in order (the kernel checks every row first): returns
 * Σ|ΔQ|, the row count and the rewards applied, read from where they stay readable (a
 * caller's view into WASM memory is detached once the copy-in grows the memory). A bad row
 * throws a SizewiseError naming it (`${field}.reward[5]`) before anything is written.
 */
export function qUpdate(memory: QTableMemory, batch: TransitionBatch, alpha: number, gamma: number, field: string): { rows: number; sumAbsDelta: number; rewards: ArrayLike<number> } {
  const staged = stage(memory.core, batch, field);
  if (staged.rows === 0) return { rows: 0, sumAbsDelta: 0, rewards: staged.source.reward };
  try {
    const { core, tablePtr, visitsPtr, nStates, nActions } = memory;
    const bad = core.exports.qUpdate(
      tablePtr, visitsPtr, nStates, nActions,
      staged.ptr('state'), staged.ptr('action'), staged.ptr('reward'), staged.ptr('nextState'), staged.ptr('done'),
      staged.rows, alpha, gamma, MAX_REWARD, core.scratch,
    );
    if (bad >= 0) throw rowError(staged.source, bad, field, nStates, nActions);
    return { rows: staged.rows, sumAbsDelta: core.arena.f64(core.scratch, 1)[0], rewards: staged.source.reward };
  } finally {
    staged.release();
  }
}

/**
 * The batch's columns in WASM memory, every row checked by the kernel (a bad row throws
 * naming it): for copying into the replay buffer. Release them when done.
 */
export function checkedTransitions(memory: QTableMemory, batch: TransitionBatch, field: string): StagedColumns {
  const staged = stage(memory.core, batch, field);
  const bad = memory.core.exports.qCheckTransitions(
    staged.ptr('state'), staged.ptr('action'), staged.ptr('reward'), staged.ptr('nextState'), staged.ptr('done'),
    staged.rows, memory.nStates, memory.nActions, MAX_REWARD,
  );
  if (bad >= 0) {
    staged.release();
    throw rowError(staged.source, bad, field, memory.nStates, memory.nActions);
  }
  return staged;
}

/**
 * Applies the one transition at `slot` of the replay columns (checked when it was stored);
 * returns |ΔQ|.
 */
export function qUpdateSlot(memory: QTableMemory, columns: ReplayColumns, slot: number, alpha: number, gamma: number): number {
  const { core, tablePtr, visitsPtr, nStates, nActions } = memory;
  const bad = core.exports.qUpdate(
    tablePtr, visitsPtr, nStates, nActions,
    columns.ptr('state') + slot * 4, columns.ptr('action') + slot * 4, columns.ptr('reward') + slot * 8,
    columns.ptr('nextState') + slot * 4, columns.ptr('done') + slot, 1, alpha, gamma, MAX_REWARD, core.scratch,
  );
  if (bad >= 0) throw new SizewiseError('INVALID_STATE', 'replay', `replay slot ${slot} holds a transition the kernel refuses (it was checked when stored)`);
  return core.arena.f64(core.scratch, 1)[0];
}

/** The replay buffer's columns as the replay kernel reads them. */
export interface ReplayColumns {
  readonly size: number;
  ptr(name: keyof TransitionBatch): number;
}

/**
 * `draws` uniform draws with replacement from the first `size` rows of the replay columns
 * (the xoshiro128+ stream at `rngPtr`, which advances), each applied as drawn. Returns Σ|ΔQ|.
 */
export function qReplay(memory: QTableMemory, replay: ReplayColumns, draws: number, alpha: number, gamma: number, rngPtr: number): number {
  return memory.core.exports.qReplay(
    memory.tablePtr, memory.nActions,
    replay.ptr('state'), replay.ptr('action'), replay.ptr('reward'), replay.ptr('nextState'), replay.ptr('done'),
    replay.size, draws, alpha, gamma, rngPtr,
  );
}

function stage(core: WasmCore, batch: TransitionBatch, field: string): StagedColumns {
  if (batch === null || typeof batch !== 'object') {
    throw new SizewiseError('INVALID_TYPE', field, `${field} must be an object of transition columns, received ${describeValue(batch)}`, batch);
  }
  const own = columnSetOf(batch, core, NAMES, field);
  if (own !== undefined) {
    const view = <K extends keyof TransitionBatch>(name: K) => own.view(name) as unknown as TransitionBatch[K];
    const source = { get state() { return view('state'); }, get action() { return view('action'); }, get reward() { return view('reward'); }, get nextState() { return view('nextState'); }, get done() { return view('done'); } };
    return { rows: own.length, ptr: (name) => own.ptr(name), view, source, release: () => {} };
  }
  let rows: number | undefined;
  for (const key of Object.keys(batch)) {
    if (!(key in TRANSITION_COLUMNS)) {
      throw new SizewiseError('UNKNOWN_KEY', `${field}.${key}`, `${field}.${key} is not a transition column (known: ${NAMES.join(', ')})`);
    }
  }
  for (const name of NAMES) rows = checkTypedColumn(batch[name], `${field}.${name}`, TRANSITION_COLUMNS[name], rows);
  const n = rows as number;
  if (n === 0) return { rows: 0, ptr: () => 0, view: (name) => batch[name], source: batch, release: () => {} }; // kernels read no row
  // A caller's views into this memory are copied out first: the allocation may grow the memory.
  const source = Object.fromEntries(NAMES.map((name) => [name, columnSource(core, batch[name])])) as unknown as TransitionBatch;
  const set = new WasmColumnSet(core, n, TRANSITION_COLUMNS);
  for (const name of NAMES) (set.view(name) as Int32Array).set(source[name] as Int32Array);
  return { rows: n, ptr: (name) => set.ptr(name), view: (name) => set.view(name) as never, source, release: () => set.release() };
}

/**
 * The error for row `row`, which the kernel found bad: the row is read back from the
 * caller's columns and checked field by field (state, action, next state, reward, done),
 * so the error names the field and value exactly as a JavaScript check would.
 */
function rowError(batch: TransitionBatch, row: number, field: string, nStates: number, nActions: number): SizewiseError {
  try {
    integer(batch.state[row], `${field}.state[${row}]`, 0, nStates - 1);
    integer(batch.action[row], `${field}.action[${row}]`, 0, nActions - 1);
    integer(batch.nextState[row], `${field}.nextState[${row}]`, 0, nStates - 1);
    inRange(finite(batch.reward[row], `${field}.reward[${row}]`), `${field}.reward[${row}]`, { min: -MAX_REWARD, max: MAX_REWARD });
    integer(batch.done[row], `${field}.done[${row}]`, 0, 1);
  } catch (error) {
    return error as SizewiseError;
  }
  return new SizewiseError('INVALID_STATE', `${field}[${row}]`, `the update kernel refused row ${row} of ${field}, which passes every check here (a kernel and facade disagreement)`);
}
