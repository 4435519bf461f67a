// `ecoute` from the TypeScript sources, for tests: tsx's ESM loader only (as the command ran
// before it was compiled), so CommonJS dependencies load untransformed.
import { register } from 'tsx/esm/api';

register();
await import('../../core/cli/bin.ts');
