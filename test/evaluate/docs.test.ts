import { readFileSync } from 'node:fs';
import { format } from 'node:util';
import { describe, expect, it } from 'vitest';
import * as sizewise from '../../src/index.js';

// docs/evaluate.md promises examples that run as pasted, with their output in the comment
// under each console.log. Each ```ts block runs here against the package root's exports and
// every printed line is compared with its comment (an annotation in parentheses after two
// spaces is not part of the output). This keeps the page true to the code; whether the
// numbers themselves are right is what the other evaluate tests check against hand work,
// the numpy fixture and brute force.
const page = readFileSync(new URL('../../docs/evaluate.md', import.meta.url), 'utf8');
const blocks = [...page.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);

/** The expected output of each console.log, in order: the `// ` lines right under it. */
function expectedOutputs(code: string): string[] {
  const lines = code.split('\n');
  const out: string[] = [];
  lines.forEach((line, i) => {
    if (!line.startsWith('console.log(')) return;
    const expected: string[] = [];
    for (let j = i + 1; j < lines.length && lines[j].startsWith('// '); j++) expected.push(lines[j].slice(3).replace(/\s{2,}\(.*\)$/, ''));
    out.push(expected.join('\n'));
  });
  return out;
}

describe('docs/evaluate.md', () => {
  it('has examples', () => expect(blocks.length).toBeGreaterThanOrEqual(2));

  it.each(blocks.map((code, i) => [i, code] as const))('example %i runs as pasted and prints what its comments say', (_, code) => {
    const body = code.replace(/^import \{([^}]*)\} from 'sizewise';$/m, 'const {$1} = sizewise;');
    expect(body).not.toContain('import ');
    const printed: string[] = [];
    const log = { log: (...args: unknown[]) => void printed.push(format(...args)) };
    new Function('sizewise', 'console', body)(sizewise, log);
    expect(printed).toEqual(expectedOutputs(code));
  });
});
