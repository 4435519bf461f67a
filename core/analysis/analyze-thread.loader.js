// The worker threads' entry point when Écoute runs from its TypeScript sources (tests, `npm run
// dev`). It is plain JavaScript because a thread does not inherit the TypeScript loader of the
// process that starts it: tsx's API loads the real module here. The compiled build runs
// dist/core/analysis/analyze-thread.js directly and never loads this file.
import { tsImport } from 'tsx/esm/api';

const mod = await tsImport('./analyze-thread.ts', import.meta.url);

export default mod.default;
export const classifyDrivers = mod.classifyDrivers;
