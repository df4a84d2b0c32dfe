// npm start: the main job on the bundled S&P 500 data. Each part of the report is one
// section module; a section takes the shared context and prints its part.
import { loadContext } from './context.js';
import { agentSection } from './agentSection.js';
import { edgeSection } from './edgeSection.js';
import { portfolioSection } from './portfolioSection.js';
import { probabilitySection } from './probabilitySection.js';
import { regimeSection } from './regimeSection.js';
import { simulationSection } from './simulationSection.js';
import { sizingSection } from './sizingSection.js';

const context = await loadContext();
for (const section of [edgeSection, sizingSection, simulationSection, agentSection, probabilitySection, portfolioSection, regimeSection]) {
  await section(context);
}
