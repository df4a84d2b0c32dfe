import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readLocalFile } from '../../src/runtime/readLocalFile.js';
import { readLocalFile as readLocalFileInBrowser } from '../../src/runtime/readLocalFile.browser.js';

const file = new URL('../../package.json', import.meta.url);

describe('readLocalFile', () => {
  it('reads a file by path or URL in Node, as bytes or as text', async () => {
    const text = readFileSync(file, 'utf8');
    expect(await readLocalFile(file, 'utf8')).toBe(text);
    expect(new TextDecoder().decode(await readLocalFile(file.pathname))).toBe(text);
  });

  it('rejects with a SizewiseError naming the path in its browser build, which has no file system', async () => {
    await expect(readLocalFileInBrowser('config/trading_rules.yaml', 'utf8')).rejects.toMatchObject({
      name: 'SizewiseError',
      code: 'INVALID_STATE',
      field: 'path',
      message: expect.stringContaining('config/trading_rules.yaml'),
    });
  });
});
