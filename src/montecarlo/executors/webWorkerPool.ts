// The bookkeeping of the browser executor's Web Workers, apart from the Worker API so it
// runs (with a fake worker) in Node tests: which tasks wait on which worker, what an
// abort or a failing worker does to them.
import { SizewiseError } from '../../errors.js';
import type { WebWorkerReply, WebWorkerRequest } from './webWorker.js';

/** The part of a Web Worker the pool uses. */
export interface WorkerLike {
  postMessage(message: WebWorkerRequest): void;
  terminate(): void;
  addEventListener(type: 'message' | 'error' | 'messageerror', listener: (event: MessageEvent) => void): void;
}

/** A task as the executor gives it: the run message without its id. */
export type WebWorkerTask = Omit<Extract<WebWorkerRequest, { type: 'run' }>, 'type' | 'id'>;

/** A successful reply. */
export type WebWorkerSuccess = Extract<WebWorkerReply, { ok: true }>;

interface Pending {
  request: Extract<WebWorkerRequest, { type: 'run' }>;
  owner: object;
  resolve(reply: WebWorkerSuccess): void;
  reject(error: unknown): void;
}

interface Slot {
  worker: WorkerLike;
  pending: Map<number, Pending>;
}

/**
 * A reused set of workers shared by concurrent simulate() calls. Each task waits on one
 * worker; a call (its `owner`) can be cancelled without touching the other calls:
 * - cancel(owner) terminates only the workers that hold tasks of that owner (a running
 *   kernel cannot be interrupted) and moves the other owners' tasks on them to fresh
 *   workers (a task depends only on (seed, path range), so running it again gives the
 *   same numbers);
 * - a worker that fires `error` (e.g. its script failed to load) or `messageerror` (a
 *   reply that could not be deserialised) is dropped and its tasks reject with a
 *   SizewiseError, so no promise is left pending.
 */
export class WebWorkerPool {
  private slots: Slot[] = [];
  private nextId = 0;
  private module: WebAssembly.Module | undefined;

  /** `spawn` starts one worker running webWorker.ts; the pool sends it the module. */
  constructor(private readonly spawn: () => WorkerLike) {}

  /** Workers started. */
  get size(): number {
    return this.slots.length;
  }

  /** Starts workers until there are at least `n`, each initialised with `module`. */
  grow(n: number, module: WebAssembly.Module): void {
    this.module = module;
    while (this.slots.length < n) this.slots.push(this.startSlot());
  }

  /** Runs `task` on worker `index` (modulo the pool's size); resolves with its reply. */
  run(index: number, task: WebWorkerTask, owner: object): Promise<WebWorkerSuccess> {
    if (this.slots.length === 0) {
      return Promise.reject(new SizewiseError('INVALID_STATE', 'opts.workers', 'no Web Worker is started; the pool was closed'));
    }
    const slot = this.slots[index % this.slots.length];
    const request = { type: 'run', id: this.nextId++, ...task } as const;
    return new Promise<WebWorkerSuccess>((resolve, reject) => {
      slot.pending.set(request.id, { request, owner, resolve, reject });
      slot.worker.postMessage(request);
    });
  }

  /**
   * Rejects `owner`'s tasks with `reason`, terminates the workers they were waiting on and
   * re-posts the other owners' tasks from those workers to fresh ones in their place.
   */
  cancel(owner: object, reason: unknown): void {
    this.slots = this.slots.map((slot) => {
      const mine = [...slot.pending.values()].filter((t) => t.owner === owner);
      if (mine.length === 0) return slot;
      slot.worker.terminate();
      for (const t of mine) t.reject(reason);
      const others = [...slot.pending.values()].filter((t) => t.owner !== owner);
      const fresh = this.startSlot();
      for (const t of others) {
        fresh.pending.set(t.request.id, t);
        fresh.worker.postMessage(t.request);
      }
      return fresh;
    });
  }

  /** Terminates every worker; their pending tasks reject with INVALID_STATE. */
  close(): void {
    const slots = this.slots;
    this.slots = [];
    for (const slot of slots) this.fail(slot, 'the Web Workers were closed (closePool()) while the task ran');
  }

  private startSlot(): Slot {
    if (this.module === undefined) throw new SizewiseError('INVALID_STATE', 'opts.workers', 'the Web Worker pool has no WebAssembly module to start workers with');
    const slot: Slot = { worker: this.spawn(), pending: new Map() };
    slot.worker.addEventListener('message', (event: MessageEvent<WebWorkerReply>) => this.onReply(slot, event.data));
    slot.worker.addEventListener('error', (event) => this.drop(slot, `a Monte Carlo Web Worker failed: ${describeEvent(event)}`));
    slot.worker.addEventListener('messageerror', () => this.drop(slot, 'a Monte Carlo Web Worker sent a reply that could not be deserialised'));
    slot.worker.postMessage({ type: 'init', module: this.module });
    return slot;
  }

  private onReply(slot: Slot, reply: WebWorkerReply): void {
    const task = slot.pending.get(reply.id);
    if (task === undefined) return;
    slot.pending.delete(reply.id);
    if (reply.ok) task.resolve(reply);
    else task.reject(new SizewiseError('INVALID_STATE', 'opts.workers', `a Monte Carlo Web Worker failed: ${reply.message}`));
  }

  /** Removes a failed worker from the pool (the next call starts a fresh one) and rejects its tasks. */
  private drop(slot: Slot, message: string): void {
    this.slots = this.slots.filter((s) => s !== slot);
    this.fail(slot, `${message}; workers: 0 runs on the calling thread`);
  }

  private fail(slot: Slot, message: string): void {
    slot.worker.terminate();
    const tasks = [...slot.pending.values()];
    slot.pending.clear();
    for (const t of tasks) t.reject(new SizewiseError('INVALID_STATE', 'opts.workers', message));
  }
}

function describeEvent(event: Event | MessageEvent): string {
  const message = (event as { message?: unknown }).message;
  return typeof message === 'string' && message !== '' ? message : 'the worker script could not be loaded or threw';
}
