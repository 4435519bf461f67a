// The worker threads' entry point. It is plain JavaScript because a thread does not inherit the
// TypeScript loader of the process that starts it: tsx's API loads the real module here.
import { tsImport } from 'tsx/esm/api';

const mod = await tsImport('./analyze-thread.ts', import.meta.url);

export default mod.default;
export const classifyDrivers = mod.classifyDrivers;
