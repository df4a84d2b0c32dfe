// The store in headless Chromium (Debian's package, driven by playwright-core): a page opens
// a store kept in IndexedDB, records trades through a tracker and a decision, closes; the
// page is loaded again and reads everything back exactly. Also: a second open is LOCKED
// (Web Locks), and a record that is not a store is refused and left as it was.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { estimateEdge } from '../../src/edge/estimateEdge.js';
import { chromiumAvailable, launchChromium, pageResult } from '../support/chromium.js';
import { projectFile, startSourceServer, type SourceServer } from '../support/sourceServer.js';
import { killTrade } from './fixtures/killTrade.js';
import { withDeprecatedAlias } from './fixtures/withDeprecatedAlias.js';

const haveChromium = chromiumAvailable('test/store/browser.test.ts');
const TRADES = 30;

/** The page: phase "write" fills the store, phase "read" (a later load) reads it back. */
function page(): string {
  return `<!doctype html><meta charset="utf-8"><title>sizewise store test</title>
<script type="importmap">{ "imports": {
  "decimal.js": "/node_modules/decimal.js/decimal.mjs",
  "sql.js": "/sqljs/sql-wasm-browser.mjs"
} }</script>
<script type="module">
  const trades = ${JSON.stringify(Array.from({ length: TRADES }, (_, i) => killTrade(i)))};
  const wasmUrl = '/sqljs/sql-wasm-browser.wasm';
  try {
    const { openStore, StrategyTracker, toMoney } = await import('/src/index.js');
    const phase = new URL(location.href).searchParams.get('phase');
    if (phase === 'write') {
      const store = await openStore('journal', { wasmUrl });
      const second = await openStore('journal', { wasmUrl }).then(() => 'opened', (e) => e.code);
      const tracker = new StrategyTracker({ store, resamples: 200 });
      let events = 0;
      tracker.addEventListener('edge', (e) => { if (e instanceof CustomEvent && e.detail.estimate) events++; });
      for (const t of trades) await tracker.positionClosed(t);
      const decision = { riskFraction: 0.01, exposure: 0.5, notional: toMoney('12345.678901234567890123'), quantity: toMoney('7'),
        leftover: toMoney('0.1'), targetNotional: toMoney('12345.778901234567890123'), riskAmount: toMoney('123.45'),
        tier: 'HUNTER', factors: [], warnings: [], usedFallback: false };
      await store.recordDecision("s'; DROP TABLE trades;--", decision, '2024-03-01T00:00:00Z');
      // A per-write time with IndexedDB persistence, for docs/store.md.
      const t0 = performance.now();
      for (let i = 0; i < 50; i++) await store.recordTrade({ strategyId: 'timing', returnFraction: 0.001 * (i % 7) - 0.003 });
      const msPerWrite = (performance.now() - t0) / 50;
      await store.close();
      // Not a store: bytes put under a name by someone else.
      const idb = await new Promise((ok, fail) => { const r = indexedDB.open('sizewise-stores', 1); r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
      await new Promise((ok) => { const tx = idb.transaction('files', 'readwrite'); tx.objectStore('files').put(new TextEncoder().encode('not a database, just text'.repeat(10)).buffer, 'foreign'); tx.oncomplete = ok; });
      idb.close();
      const foreign = await openStore('foreign', { wasmUrl }).then(() => 'opened', (e) => e.code);
      window.done = { second, events, foreign, msPerWrite };
    } else {
      const store = await openStore('journal', { wasmUrl });
      const ids = [...new Set(trades.map((t) => t.strategyId))];
      const back = {};
      const kelly = {};
      for (const id of ids) {
        back[id] = (await store.trades(id)).map((t) => ({ ...t, closedAt: t.closedAt.toISOString() }));
        kelly[id] = (await store.kellyHistory(id)).map((h) => h.estimate);
      }
      const decisions = (await store.decisions("s'; DROP TABLE trades;--")).map((d) => ({ at: d.at.toISOString(), notional: d.decision.notional.toFixed(), quantity: d.decision.quantity.toFixed() }));
      await store.close();
      const idb = await new Promise((ok) => { const r = indexedDB.open('sizewise-stores', 1); r.onsuccess = () => ok(r.result); });
      const foreignText = await new Promise((ok) => { const g = idb.transaction('files').objectStore('files').get('foreign'); g.onsuccess = () => ok(new TextDecoder().decode(g.result)); });
      window.done = { back, kelly, decisions, foreignText, isolated: crossOriginIsolated };
    }
  } catch (error) {
    window.done = { error: String(error && error.stack || error) };
  }
</script>`;
}

/** sql.js's browser build, wrapped as an ES module, and its WebAssembly. */
const SQL_JS = {
  '/sqljs/sql-wasm-browser.mjs': async () => {
    // sql.js ships UMD; give it a module object and export what it assigns (as a bundler would).
    const umd = (await projectFile('node_modules/sql.js/dist/sql-wasm-browser.js')).toString('utf8');
    return { type: 'text/javascript', body: `var module = { exports: {} }; var exports = module.exports;\n${umd}\nexport default module.exports;\n` };
  },
  '/sqljs/sql-wasm-browser.wasm': async () => ({ type: 'application/wasm', body: await projectFile('node_modules/sql.js/dist/sql-wasm-browser.wasm') }),
};

describe.skipIf(!haveChromium)('the store in headless Chromium', () => {
  let server: SourceServer;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    server = await startSourceServer({ page, extra: SQL_JS });
    base = server.base;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('opens a store, records, reloads and reads everything back exactly', async () => {
    const context = await browser.newContext(); // one profile: IndexedDB outlives the page
    const tab = await context.newPage();
    const errors: string[] = [];
    const run = async (phase: string) => {
      const { done, errors: seen } = await pageResult(tab, `${base}/?phase=${phase}`);
      errors.push(...seen);
      return done;
    };
    const wrote = await run('write');
    expect(wrote.error).toBeUndefined();
    expect(wrote.second).toBe('LOCKED'); // one writer per store, across tabs too
    expect(wrote.foreign).toBe('NOT_A_STORE');
    const read = await run('read'); // a new page load of the same origin
    await context.close();
    expect(errors).toEqual([]);
    expect(read.error).toBeUndefined();
    expect(read.isolated).toBe(false); // no COOP/COEP needed
    const trades = Array.from({ length: TRADES }, (_, i) => killTrade(i));
    const ids = [...new Set(trades.map((t) => t.strategyId))];
    const back = read.back as Record<string, unknown[]>;
    const kelly = read.kelly as Record<string, unknown[]>;
    let estimates = 0;
    for (const id of ids) {
      const mine = trades.filter((t) => t.strategyId === id);
      expect(back[id]).toEqual(mine.map((t) => ({ ...withDeprecatedAlias(t), closedAt: (t.closedAt as Date).toISOString() })));
      // Node's estimateEdge on each prefix: the page's tracker recorded the same numbers.
      const expected = mine.map((_, k) => {
        try {
          return JSON.parse(JSON.stringify(estimateEdge(mine.slice(0, k + 1), { resamples: 200 })));
        } catch {
          return undefined;
        }
      }).filter((e) => e !== undefined);
      expect(kelly[id]).toEqual(expected);
      estimates += expected.length;
    }
    expect(wrote.events).toBe(estimates);
    expect(read.decisions).toEqual([{ at: '2024-03-01T00:00:00.000Z', notional: '12345.678901234567890123', quantity: '7' }]);
    expect(read.foreignText).toBe('not a database, just text'.repeat(10));
    console.log(`browser store: ${(wrote.msPerWrite as number).toFixed(2)} ms per durable recordTrade (sql.js + IndexedDB, small store)`);
  });
});
