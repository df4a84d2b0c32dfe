import { describe, expect, it } from 'vitest';
import { SizewiseError } from '../../src/errors.js';
import type { WebWorkerReply, WebWorkerRequest } from '../../src/montecarlo/executors/webWorker.js';
import { WebWorkerPool, type WebWorkerTask, type WorkerLike } from '../../src/montecarlo/executors/webWorkerPool.js';

/** A stand-in for a Web Worker: records what it is sent, replies or fails when the test says so. */
class FakeWorker implements WorkerLike {
  static started: FakeWorker[] = [];
  readonly received: WebWorkerRequest[] = [];
  terminated = false;
  private readonly listeners = new Map<string, ((event: MessageEvent) => void)[]>();

  constructor() {
    FakeWorker.started.push(this);
  }
  postMessage(message: WebWorkerRequest): void {
    if (this.terminated) throw new Error('posted to a terminated worker');
    this.received.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  addEventListener(type: string, listener: (event: MessageEvent) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  /** Fires an event as the browser would (nothing reaches a terminated worker's listeners). */
  emit(type: 'message' | 'error' | 'messageerror', data?: WebWorkerReply): void {
    if (this.terminated) return;
    for (const l of this.listeners.get(type) ?? []) l({ data } as MessageEvent);
  }
  /** Replies ok to every run task received so far. */
  replyAll(): void {
    for (const m of this.received) if (m.type === 'run') this.emit('message', { id: m.id, ok: true, summary: new Float64Array(0) });
  }
  runs(): Extract<WebWorkerRequest, { type: 'run' }>[] {
    return this.received.filter((m) => m.type === 'run');
  }
}

const module = {} as WebAssembly.Module;
const task = (start: number): WebWorkerTask => ({ job: {} as never, start, count: 4 });

/** A promise's state after the pending microtasks have run. */
async function state(p: Promise<unknown>): Promise<'pending' | 'resolved' | 'rejected'> {
  let s: 'pending' | 'resolved' | 'rejected' = 'pending';
  p.then(() => (s = 'resolved'), () => (s = 'rejected'));
  await new Promise((r) => setTimeout(r, 0));
  return s;
}

function freshPool(n: number): WebWorkerPool {
  FakeWorker.started = [];
  const pool = new WebWorkerPool(() => new FakeWorker());
  pool.grow(n, module);
  return pool;
}

describe('WebWorkerPool (the browser executor’s bookkeeping, with fake workers)', () => {
  it('initialises each worker with the module before any task', () => {
    freshPool(2);
    expect(FakeWorker.started).toHaveLength(2);
    for (const w of FakeWorker.started) expect(w.received[0]).toEqual({ type: 'init', module });
  });

  it('posts one task at a time per worker, the next when the previous is answered', async () => {
    const pool = freshPool(1);
    const [w] = FakeWorker.started;
    const first = pool.run(0, task(0), {});
    const second = pool.run(0, task(4), {});
    expect(w.runs().map((m) => m.start)).toEqual([0]);
    w.emit('message', { id: w.runs()[0].id, ok: true, summary: new Float64Array(0) });
    await expect(first).resolves.toMatchObject({ ok: true });
    expect(w.runs().map((m) => m.start)).toEqual([0, 4]);
    w.emit('message', { id: w.runs()[1].id, ok: true, summary: new Float64Array(0) });
    await expect(second).resolves.toMatchObject({ ok: true });
  });

  it('hands progress messages to the task’s onProgress without settling the task', async () => {
    const pool = freshPool(1);
    const [w] = FakeWorker.started;
    const seen: number[] = [];
    const run = pool.run(0, task(0), {}, (paths) => seen.push(paths));
    const { id } = w.runs()[0];
    w.emit('message', { id, progress: 64 });
    w.emit('message', { id, progress: 36 });
    expect(await state(run)).toBe('pending');
    expect(seen).toEqual([64, 36]);
    w.emit('message', { id, ok: true, summary: Float64Array.of(1) });
    await expect(run).resolves.toMatchObject({ ok: true, summary: Float64Array.of(1) });
  });

  it('on cancel terminates only the workers running the cancelled call’s tasks; a fresh worker takes over their queue', async () => {
    const pool = freshPool(2);
    const [w0, w1] = FakeWorker.started;
    const a = {};
    const b = {};
    const aRunning = pool.run(0, task(0), a); // running on worker 0
    const bRunning = pool.run(1, task(200), b); // running on worker 1
    const bWaiting = pool.run(0, task(100), b); // waits behind a's task on worker 0
    const aWaiting = pool.run(1, task(300), a); // waits behind b's task on worker 1
    const aborted = new SizewiseError('ABORTED', 'opts.signal', 'cancelled');
    pool.cancel(a, aborted);
    await expect(aRunning).rejects.toBe(aborted);
    await expect(aWaiting).rejects.toBe(aborted);
    expect(w0.terminated).toBe(true);
    expect(w1.terminated).toBe(false); // it runs b's task, which is never killed nor run twice
    expect(pool.size).toBe(2);
    // Worker 0's replacement was initialised, then given b's waiting task.
    const fresh = FakeWorker.started[2];
    expect(fresh.received[0]).toEqual({ type: 'init', module });
    expect(fresh.runs().map((m) => m.start)).toEqual([100]);
    expect(await state(Promise.all([bRunning, bWaiting]))).toBe('pending');
    fresh.replyAll();
    w1.replyAll();
    await expect(Promise.all([bRunning, bWaiting])).resolves.toHaveLength(2);
    // a's waiting task was never posted to worker 1.
    expect(w1.runs().map((m) => m.start)).toEqual([200]);
  });

  it.each(['error', 'messageerror'] as const)('rejects the tasks of a worker that fires %s with a SizewiseError and drops that worker', async (type) => {
    const pool = freshPool(2);
    const [w0, w1] = FakeWorker.started;
    const owner = {};
    const failing = pool.run(0, task(0), owner);
    const healthy = pool.run(1, task(4), owner);
    w0.emit(type);
    await expect(failing).rejects.toBeInstanceOf(SizewiseError);
    await expect(failing).rejects.toMatchObject({ code: 'INVALID_STATE', field: 'opts.workers' });
    expect(w0.terminated).toBe(true);
    expect(pool.size).toBe(1);
    w1.replyAll();
    await expect(healthy).resolves.toMatchObject({ ok: true });
    pool.grow(2, module); // the next call starts a replacement
    expect(pool.size).toBe(2);
    expect(FakeWorker.started).toHaveLength(3);
  });

  it('rejects with a SizewiseError when the worker reports a failure, and ignores replies for other ids', async () => {
    const pool = freshPool(1);
    const [w] = FakeWorker.started;
    const t = pool.run(0, task(0), {});
    const id = w.runs()[0].id;
    w.emit('message', { id: id + 1000, ok: true, summary: new Float64Array(0) });
    expect(await state(t)).toBe('pending');
    w.emit('message', { id, ok: false, message: 'boom' });
    await expect(t).rejects.toMatchObject({ code: 'INVALID_STATE', message: expect.stringContaining('boom') });
  });

  it('close() terminates every worker and rejects what was still pending', async () => {
    const pool = freshPool(2);
    const t = pool.run(1, task(0), {});
    pool.close();
    expect(pool.size).toBe(0);
    expect(FakeWorker.started.every((w) => w.terminated)).toBe(true);
    await expect(t).rejects.toBeInstanceOf(SizewiseError);
  });
});
