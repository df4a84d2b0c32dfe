import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import { agentSection } from '../agentSection.js';
import { loadContext, type ReportContext } from '../context.js';
import { edgeSection } from '../edgeSection.js';
import { journalSection } from '../journalSection.js';
import { portfolioSection } from '../portfolioSection.js';
import { probabilitySection } from '../probabilitySection.js';
import { regimeSection } from '../regimeSection.js';
import { simulationSection } from '../simulationSection.js';
import { sizingSection } from '../sizingSection.js';

/**
 * The report's sections in order (`npm start` runs them): each takes the shared context and
 * prints its part. Later parts add theirs here.
 */
export const REPORT_SECTIONS: readonly ((ctx: ReportContext) => Promise<void>)[] = Object.freeze([
  edgeSection,
  sizingSection,
  simulationSection,
  agentSection,
  probabilitySection,
  portfolioSection,
  regimeSection,
  journalSection,
]);

/** `sizewise report`: the main job on the bundled S&P 500 data. */
export function reportCommand(program: Command, _io: CliIo): void {
  program
    .command('report')
    .summary('the main job: every part of sizewise on the bundled S&P 500 data')
    .description(
      'The reference strategy on the bundled S&P 500 daily data (2000–2020; data/SOURCES.md): its edge and Kelly ' +
        'sizes, sized orders for example signals, flat vs dynamic sizing, a Monte Carlo of the edge next to the exact ' +
        "lattice, the Q-learning agent's walk-forward test, probability to Kelly size (calibration), portfolio Kelly across correlated assets and the regime " +
        'classifier with its scaling templates, and the trade journal: the trades replayed through a strategy tracker on a file store, with its Kelly history. `npm start` runs this.',
    )
    .addHelpText('after', '\nExample:\n  $ sizewise report')
    .action(async () => {
      const context = await loadContext();
      for (const section of REPORT_SECTIONS) await section(context);
    });
}
