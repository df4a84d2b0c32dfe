// Store and tracker under load: 100,000 closed trades across 100 strategies, recorded durably
// and re-estimated one close at a time, as a trading process would. Load runs are timed once
// (they are long and change the file); queries run under tinybench on the filled store.
//   npm run bench -- store            (SIZEWISE_BENCH_STORE_TRADES=20000 for a shorter run)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Xoshiro128 } from '../src/random/xoshiro128.js';
import { openStore } from '../src/store/openStore.js';
import type { TradeRecord } from '../src/store/storedTrade.js';
import { StrategyTracker } from '../src/tracker/StrategyTracker.js';
import { runSuite, type BenchRow } from './harness.js';

const TRADES = Number(process.env.SIZEWISE_BENCH_STORE_TRADES ?? 100_000);
const STRATEGIES = 100;
/** The tracker's rolling window: the last 100 trades of a strategy (estimateEdge's bootstrap is O(window × resamples)). */
const WINDOW = 100;
/** Closes timed one durable commit at a time (each waits for an fsync). */
const SUBSET = Math.min(TRADES, 2_000);

function makeTrades(count: number): TradeRecord[] {
  const rng = new Xoshiro128(42, 0);
  const start = Date.UTC(2020, 0, 1);
  return Array.from({ length: count }, (_, i) => ({
    id: `t${i}`,
    strategyId: `strategy-${i % STRATEGIES}`,
    closedAt: new Date(start + i * 60_000),
    returnFraction: (rng.nextFloat() - 0.45) * 0.04,
    rMultiple: (rng.nextFloat() - 0.4) * 3,
    confidence: rng.nextFloat(),
    regime: 'NORMAL',
  }));
}

/** Times one pass of `work` over `count` items; a row with the per-item mean and items/s. */
async function timed(task: string, count: number, work: () => Promise<void>): Promise<BenchRow> {
  const t0 = performance.now();
  await work();
  const ms = performance.now() - t0;
  return { suite: 'store', task, meanMs: ms / count, p99Ms: ms / count, samples: 1, unitsPerSecond: count / (ms / 1000) };
}

/** The same durable single-row appends through CPython's built-in sqlite3 (native SQLite, WAL, synchronous=FULL), if python3 is there. */
function nativeSqliteRow(dir: string, count: number): BenchRow | undefined {
  const script = `
import sqlite3, time, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute('PRAGMA locking_mode=EXCLUSIVE'); db.execute('PRAGMA journal_mode=WAL'); db.execute('PRAGMA synchronous=FULL')
db.execute('CREATE TABLE trades (seq INTEGER PRIMARY KEY, id TEXT UNIQUE, strategy_id TEXT, closed_at INTEGER, return_fraction REAL, r_multiple REAL, confidence REAL, regime TEXT)')
db.execute('CREATE INDEX s ON trades (strategy_id, closed_at, seq)')
n = int(sys.argv[2]); t0 = time.perf_counter()
for i in range(n):
    db.execute('BEGIN IMMEDIATE')
    db.execute('INSERT INTO trades (id, strategy_id, closed_at, return_fraction, r_multiple, confidence, regime) VALUES (?,?,?,?,?,?,?)', ('t%d' % i, 'strategy-%d' % (i % 100), i * 60000, 0.01, 0.5, 0.5, 'NORMAL'))
    db.execute('COMMIT')
print((time.perf_counter() - t0) * 1000)
`;
  const out = spawnSync('/usr/bin/python3', ['-c', script, join(dir, 'native.db'), String(count)], { encoding: 'utf8' });
  if (out.status !== 0) return undefined;
  const ms = Number(out.stdout.trim());
  return { suite: 'store', task: `native SQLite (CPython sqlite3), durable append, ${count} trades`, meanMs: ms / count, p99Ms: ms / count, samples: 1, unitsPerSecond: count / (ms / 1000) };
}

export async function benchStore(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'sizewise-bench-store-'));
  const trades = makeTrades(TRADES);
    const rows: BenchRow[] = [];
  try {
    // The load: every close re-estimated (window 100, a 200-resample bootstrap) and recorded
    // with its estimate in the file, committed in batches of 1,000 (positionsClosed).
    const file = join(dir, 'tracked.db');
    const store = await openStore(file);
    const tracker = new StrategyTracker({ store, window: WINDOW, resamples: 200 });
    rows.push(await timed(`tracker.positionsClosed ×1,000, file store, window ${WINDOW}, 200 resamples: ${TRADES} trades × ${STRATEGIES} strategies`, TRADES, async () => {
      for (let i = 0; i < TRADES; i += 1000) await tracker.positionsClosed(trades.slice(i, i + 1000));
    }));
    // One durable commit per close, with estimateEdge's default 2,000 resamples: the live path.
    const live = new StrategyTracker({ store: await openStore(join(dir, 'live.db')), window: WINDOW });
    rows.push(await timed(`tracker.positionClosed one at a time, file store, window ${WINDOW}, 2,000 resamples: ${SUBSET} trades`, SUBSET, async () => {
      for (let i = 0; i < SUBSET; i++) await live.positionClosed(trades[i]);
    }));
    await live.store!.close();
    // The same closes without a store: the estimation alone.
    const memory = new StrategyTracker({ window: WINDOW });
    rows.push(await timed(`tracker.positionClosed, no store (estimate only), 2,000 resamples: ${SUBSET} trades`, SUBSET, async () => {
      for (let i = 0; i < SUBSET; i++) await memory.positionClosed(trades[i]);
    }));
    // The journal alone: one durable transaction per trade, then one per batch of 1,000.
    const journal = await openStore(join(dir, 'journal.db'));
    rows.push(await timed(`store.recordTrade, durable append, ${SUBSET} trades`, SUBSET, async () => {
      for (let i = 0; i < SUBSET; i++) await journal.recordTrade(trades[i]);
    }));
    const batches = await openStore(join(dir, 'batches.db'));
    rows.push(await timed(`store.recordTrades, batches of 1,000, ${TRADES} trades`, TRADES, async () => {
      for (let i = 0; i < TRADES; i += 1000) await batches.recordTrades(trades.slice(i, i + 1000));
    }));
    await Promise.all([journal.close(), batches.close()]);
    const native = nativeSqliteRow(dir, SUBSET);
    if (native !== undefined) rows.push(native);
    // A plain JavaScript loop of the same bookkeeping, durable nowhere: the floor.
    rows.push(await timed(`plain JS: push to per-strategy arrays + JSON.stringify, ${TRADES} trades`, TRADES, async () => {
      const byStrategy = new Map<string, string[]>();
      for (const t of trades) {
        let list = byStrategy.get(t.strategyId);
        if (list === undefined) byStrategy.set(t.strategyId, (list = []));
        list.push(JSON.stringify(t));
      }
    }));
    // Queries on the filled store (1,000 trades and 1,000 estimates per strategy at 100k).
    await store.close();
    for (const verify of [false, true]) {
      const t0 = performance.now();
      const reopened = await openStore(file, { verify });
      const ms = performance.now() - t0;
      await reopened.close();
      rows.push({ suite: 'store', task: `openStore of the filled file${verify ? ', verify: true (quick_check)' : ''}`, meanMs: ms, p99Ms: ms, samples: 1 });
    }
    const filled = await openStore(file);
    const restoreMs = await (async () => {
      const t0 = performance.now();
      await StrategyTracker.fromStore(filled, { window: WINDOW });
      return performance.now() - t0;
    })();
    rows.push({ suite: 'store', task: `StrategyTracker.fromStore, ${STRATEGIES} strategies`, meanMs: restoreMs, p99Ms: restoreMs, samples: 1 });
    const perStrategy = Math.round(TRADES / STRATEGIES);
    rows.push(
      ...(await runSuite('store', [
        { name: `kellyHistory(one strategy): ${perStrategy} estimates`, fn: () => filled.kellyHistory('strategy-7'), units: perStrategy },
        { name: `trades(one strategy): ${perStrategy} trades`, fn: () => filled.trades('strategy-7'), units: perStrategy },
        { name: 'trades(one strategy, { limit: 100 })', fn: () => filled.trades('strategy-7', { limit: 100 }), units: 100 },
      ])),
    );
    await filled.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
