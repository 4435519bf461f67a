import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the code and the project's files are, the same whether Écoute runs from its TypeScript
 * sources (tests, `npm run dev`) or from the compiled build in dist/ (`npm start`, the image).
 * The build keeps the sources' layout under dist/, so only the root moves; data that is not code
 * (sql/, demo/, the shipped models, the built dashboards) stays at the project's root.
 */
const HERE = fileURLToPath(import.meta.url);

/** True when this process runs the compiled JavaScript of dist/. */
export const COMPILED = path.extname(HERE) === '.js';

/** The root of the code that runs: the repository for the sources, dist/ once compiled. */
export const CODE_ROOT = path.resolve(path.dirname(HERE), '..');

/** The project's root: sql/, demo/, core/classification/models/, dashboards/dist/. */
export const PROJECT_ROOT = COMPILED ? path.dirname(CODE_ROOT) : CODE_ROOT;

export function projectPath(...segments: string[]): string {
  return path.join(PROJECT_ROOT, ...segments);
}

/** A module of the code that runs, by its path without extension (e.g. `api/main`). */
export function codePath(moduleWithoutExtension: string): string {
  return path.join(CODE_ROOT, `${moduleWithoutExtension}${COMPILED ? '.js' : '.ts'}`);
}
