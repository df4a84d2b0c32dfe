import { describe, expect, it } from 'vitest';
import * as browserPool from '../../src/montecarlo/executors/poolExecutor.browser.js';
import * as nodePool from '../../src/montecarlo/executors/poolExecutor.js';

describe('the browser stand-in for the Piscina pool module', () => {
  it('exports the same names as the Node module, so a browser bundle resolves every import', () => {
    expect(Object.keys(browserPool).sort()).toEqual(Object.keys(nodePool).sort());
  });

  it('never claims a running pool and rejects if asked to run one', async () => {
    expect(browserPool.poolRunning()).toBe(false);
    await expect(browserPool.poolExecutor(2)({} as never, [], {})).rejects.toMatchObject({ code: 'INVALID_STATE' });
  });
});
