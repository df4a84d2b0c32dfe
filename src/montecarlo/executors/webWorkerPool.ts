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
  onProgress: ((paths: number) => void) | undefined;
  resolve(reply: WebWorkerSuccess): void;
  reject(error: unknown): void;
}

interface Slot {
  worker: WorkerLike;
  /** The task posted to the worker and not answered yet (at most one). */
  running: Pending | undefined;
  /** Tasks waiting here, posted one at a time as the previous one is answered. */
  queue: Pending[];
}

/**
 * A reused set of workers shared by concurrent simulate() calls. Each worker has at most
 * one task posted at a time; the rest wait in its queue here, so a call (its `owner`) can
 * be cancelled without touching the other calls:
 * - cancel(owner) takes the owner's waiting tasks out of the queues and terminates only
 *   the workers that are running one of its tasks (a running kernel cannot be
 *   interrupted); a fresh worker takes over that worker's queue. A task of another call
 *   is never killed nor run twice (it may be writing into its call's SharedArrayBuffer);
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
    while (this.slots.length < n) this.slots.push(this.startSlot([]));
  }

  /**
   * Runs `task` on worker `index` (modulo the pool's size), after the tasks already given to
   * it; resolves with its final reply. `onProgress` receives the paths of each kernel call.
   */
  run(index: number, task: WebWorkerTask, owner: object, onProgress?: (paths: number) => void): Promise<WebWorkerSuccess> {
    if (this.slots.length === 0) {
      return Promise.reject(new SizewiseError('INVALID_STATE', 'opts.workers', 'no Web Worker is started; the pool was closed'));
    }
    const slot = this.slots[index % this.slots.length];
    const request = { type: 'run', id: this.nextId++, ...task } as const;
    return new Promise<WebWorkerSuccess>((resolve, reject) => {
      slot.queue.push({ request, owner, onProgress, resolve, reject });
      this.pump(slot);
    });
  }

  /**
   * Rejects `owner`'s tasks with `reason`: waiting ones leave their queues; a worker running
   * one is terminated and replaced by a fresh worker that takes over its queue.
   */
  cancel(owner: object, reason: unknown): void {
    this.slots = this.slots.map((slot) => {
      const mine = slot.queue.filter((t) => t.owner === owner);
      slot.queue = slot.queue.filter((t) => t.owner !== owner);
      for (const t of mine) t.reject(reason);
      if (slot.running?.owner !== owner) return slot;
      slot.worker.terminate();
      slot.running.reject(reason);
      return this.startSlot(slot.queue);
    });
  }

  /** Terminates every worker; their tasks reject with INVALID_STATE. */
  close(): void {
    const slots = this.slots;
    this.slots = [];
    for (const slot of slots) this.fail(slot, 'the Web Workers were closed (closePool()) before the task finished');
  }

  private startSlot(queue: Pending[]): Slot {
    if (this.module === undefined) throw new SizewiseError('INVALID_STATE', 'opts.workers', 'the Web Worker pool has no WebAssembly module to start workers with');
    const slot: Slot = { worker: this.spawn(), running: undefined, queue };
    slot.worker.addEventListener('message', (event: MessageEvent<WebWorkerReply>) => this.onReply(slot, event.data));
    slot.worker.addEventListener('error', (event) => this.drop(slot, `a Monte Carlo Web Worker failed: ${describeEvent(event)}`));
    slot.worker.addEventListener('messageerror', () => this.drop(slot, 'a Monte Carlo Web Worker sent a reply that could not be deserialised'));
    slot.worker.postMessage({ type: 'init', module: this.module });
    this.pump(slot);
    return slot;
  }

  /** Posts the next waiting task if the worker is free. */
  private pump(slot: Slot): void {
    if (slot.running !== undefined) return;
    const next = slot.queue.shift();
    if (next === undefined) return;
    slot.running = next;
    slot.worker.postMessage(next.request);
  }

  private onReply(slot: Slot, reply: WebWorkerReply): void {
    const task = slot.running;
    if (task === undefined || task.request.id !== reply.id) return;
    if ('progress' in reply) {
      task.onProgress?.(reply.progress);
      return;
    }
    slot.running = undefined;
    if (reply.ok) task.resolve(reply);
    else task.reject(new SizewiseError('INVALID_STATE', 'opts.workers', `a Monte Carlo Web Worker failed: ${reply.message}`));
    this.pump(slot);
  }

  /** Removes a failed worker from the pool (the next call starts a fresh one) and rejects its tasks. */
  private drop(slot: Slot, message: string): void {
    if (!this.slots.includes(slot)) return;
    this.slots = this.slots.filter((s) => s !== slot);
    this.fail(slot, `${message}; workers: 0 runs on the calling thread`);
  }

  private fail(slot: Slot, message: string): void {
    slot.worker.terminate();
    const tasks = [...(slot.running === undefined ? [] : [slot.running]), ...slot.queue];
    slot.running = undefined;
    slot.queue = [];
    for (const t of tasks) t.reject(new SizewiseError('INVALID_STATE', 'opts.workers', message));
  }
}

function describeEvent(event: Event | MessageEvent): string {
  const message = (event as { message?: unknown }).message;
  return typeof message === 'string' && message !== '' ? message : 'the worker script could not be loaded or threw';
}
