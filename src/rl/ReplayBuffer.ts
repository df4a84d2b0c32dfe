import type { TransitionRow } from './checkTransition.js';
import { TRANSITION_COLUMNS, type ReplayColumns, type TransitionBatch } from './qUpdate.js';

const NAMES = Object.keys(TRANSITION_COLUMNS) as (keyof TransitionBatch)[];

/** Row columns of transitions in WASM memory: a column set with the transition columns (and maybe others). */
export interface TransitionColumnSet {
  readonly length: number;
  ptr(name: keyof TransitionBatch): number;
  view<K extends keyof TransitionBatch>(name: K): TransitionBatch[K];
}

/**
 * Experience replay's ring buffer (Lin 1992): the last `capacity` transitions, in the
 * transition row columns of a column set in WASM memory, where the replay kernel draws
 * from them. The set belongs to the caller (the agent frees it); rows enter only after
 * they were checked, so the kernel can trust them.
 */
export class ReplayBuffer implements ReplayColumns {
  readonly capacity: number;
  private readonly set: TransitionColumnSet;
  private rows = 0;
  private next = 0;

  constructor(set: TransitionColumnSet) {
    this.set = set;
    this.capacity = set.length;
  }

  /** Transitions held. */
  get size(): number {
    return this.rows;
  }

  /** The slot the next transition goes to. */
  get head(): number {
    return this.next;
  }

  ptr(name: keyof TransitionBatch): number {
    return this.set.ptr(name);
  }

  /** Writes one checked row at the head; returns its slot. */
  push(row: TransitionRow): number {
    const at = this.next;
    this.set.view('state')[at] = row.state;
    this.set.view('action')[at] = row.action;
    this.set.view('reward')[at] = row.reward;
    this.set.view('nextState')[at] = row.nextState;
    this.set.view('done')[at] = row.done ? 1 : 0;
    this.advance(1);
    return at;
  }

  /**
   * Appends `n` checked rows from columns (already in WASM memory or not), as n push() calls
   * would: only the last `capacity` rows can stay, so earlier ones are not even copied.
   */
  pushColumns(source: { view<K extends keyof TransitionBatch>(name: K): TransitionBatch[K] }, n: number): void {
    const cap = this.capacity;
    const first = Math.max(0, n - cap);
    let at = (this.next + first) % cap;
    for (let from = first; from < n; ) {
      const len = Math.min(n - from, cap - at);
      for (const name of NAMES) (this.set.view(name) as Int32Array).set((source.view(name) as Int32Array).subarray(from, from + len), at);
      from += len;
      at = (at + len) % cap;
    }
    this.advance(n);
  }

  /** A copy of the rows held, in slot order (what a save keeps with `head`). */
  snapshot(): TransitionBatch {
    const n = this.rows;
    return {
      state: this.set.view('state').slice(0, n),
      action: this.set.view('action').slice(0, n),
      reward: this.set.view('reward').slice(0, n),
      nextState: this.set.view('nextState').slice(0, n),
      done: this.set.view('done').slice(0, n),
    };
  }

  /** Puts back a snapshot's checked rows (at most `capacity`) and its head. */
  restore(rows: TransitionBatch, head: number): void {
    for (const name of NAMES) (this.set.view(name) as Int32Array).set(rows[name] as Int32Array, 0);
    this.rows = rows.state.length;
    this.next = head;
  }

  private advance(n: number): void {
    this.next = (this.next + n) % this.capacity;
    this.rows = Math.min(this.capacity, this.rows + n);
  }
}
