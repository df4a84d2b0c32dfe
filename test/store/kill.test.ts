// The durability promise, tested the hard way: a child process appends trades and prints an
// acknowledgement after each recordTrade resolves; the parent kills it with SIGKILL at
// seeded random moments (inside openStore, mid-append) over many rounds.
// After every kill the database must open, hold every acknowledged trade exactly once with
// exact fields (at most the one trade whose acknowledgement the kill swallowed besides),
// and take further appends. SIZEWISE_KILL_ROUNDS raises the rounds (npm run soak:store).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Xoshiro128 } from '../../src/random/xoshiro128.js';
import { openStore } from '../../src/store/openStore.js';
import type { StoredTrade } from '../../src/store/storedTrade.js';
import { buildChild, spawnChild } from './fixtures/childProcess.js';
import { killTrade } from './fixtures/killTrade.js';
import { withDeprecatedAlias } from './fixtures/withDeprecatedAlias.js';

const ROUNDS = Number(process.env.SIZEWISE_KILL_ROUNDS ?? 16);
const STRATEGIES = [0, 1, 2].map((i) => killTrade(i).strategyId);
const dir = mkdtempSync(join(tmpdir(), 'sizewise-kill-'));
const file = join(dir, 'journal.db');

beforeAll(buildChild);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every trade in the store, by id, failing on any id seen twice. */
async function readAll(): Promise<Map<string, StoredTrade>> {
  const store = await openStore(file);
  try {
    const byId = new Map<string, StoredTrade>();
    for (const id of STRATEGIES) {
      for (const t of await store.trades(id)) {
        expect(byId.has(t.id), `trade ${t.id} stored twice`).toBe(false);
        byId.set(t.id, t);
      }
    }
    expect((await store.strategies()).every((s) => STRATEGIES.includes(s))).toBe(true);
    return byId;
  } finally {
    await store.close();
  }
}

function expectExactly(byId: Map<string, StoredTrade>, acked: number): void {
  // Every acknowledged trade, with exactly the fields it was recorded with.
  for (let i = 0; i < acked; i++) {
    expect(byId.get(`k${i}`), `acknowledged trade k${i}`).toEqual(withDeprecatedAlias(killTrade(i)));
  }
  // Besides them, at most the one trade committed just before the kill, unacknowledged.
  const extra = [...byId.keys()].filter((id) => Number(id.slice(1)) >= acked);
  expect(extra.length).toBeLessThanOrEqual(1);
  if (extra.length === 1) {
    expect(extra[0]).toBe(`k${acked}`);
    expect(byId.get(extra[0])).toEqual(withDeprecatedAlias(killTrade(acked)));
  }
}

describe('a store killed at random moments', () => {
  it(`keeps every acknowledged trade exactly once through ${ROUNDS} SIGKILLs, and appending continues`, async () => {
    const rng = new Xoshiro128(2026, 0);
    let acked = 0;
    const phases = { beforeOpened: 0, beforeFirstAck: 0, midAppend: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      const child = spawnChild(['append', file, String(acked), String(acked + 1_000_000)]);
      // A seeded moment: in even rounds within 150 ms of the child's modules loading (inside
      // openStore, which takes about that long), in odd rounds within 300 ms of openStore
      // resolving (mid-append), whatever the machine's speed.
      const midAppend = round % 2 === 1;
      await child.waitFor(midAppend ? /^opened$/ : /^ready$/);
      const delay = rng.nextFloat() * (midAppend ? 300 : 150);
      const timer = setTimeout(() => child.process.kill('SIGKILL'), delay);
      const { signal, stderr } = await child.exited;
      clearTimeout(timer);
      expect(signal, stderr).toBe('SIGKILL');
      const acks = child.lines.filter((l) => l.startsWith('ack ')).map((l) => Number(l.slice(4)));
      acks.forEach((a, k) => expect(a).toBe(acked + k)); // acknowledged in order, none skipped
      if (!child.lines.includes('opened')) phases.beforeOpened++;
      else if (acks.length === 0) phases.beforeFirstAck++;
      else phases.midAppend++;
      acked += acks.length;
      expectExactly(await readAll(), acked);
    }
    // After the last kill, a child runs to the end: appending continues where it stopped.
    const last = spawnChild(['append', file, String(acked), String(acked + 25)]);
    await last.waitFor(/^done$/);
    await last.exited;
    acked += 25;
    const byId = await readAll();
    expectExactly(byId, acked);
    expect(byId.size).toBe(acked);
    console.log(`kill test: ${ROUNDS} SIGKILLs (${phases.beforeOpened} before openStore resolved, ${phases.beforeFirstAck} before the first append resolved, ${phases.midAppend} mid-append), ${acked} trades kept`);
  }, 300_000);
});
