// sizingPerformance is an evaluation: its one implementation lives in src/evaluate. This
// module keeps the rl import path working for the walk-forward and older callers.
export { sizingPerformance, type SizingPerformance } from '../evaluate/sizingPerformance.js';
