import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AIRLINE_GOAL, airlineDriverFigures } from '../../../core/drivers/driver-benchmark.js';

const dataDir = path.join(process.env.ECOUTE_SHARED_DIR ?? '../shared', 'data');
if (!existsSync(dataDir))
  throw new Error(`${dataDir} is absent: the public labelled data is needed here`);

describe('driver assignment on the airline negative reasons', () => {
  it(
    'is measured on tweets it did not train on, over the nine reasons',
    { timeout: 240_000 },
    async () => {
      const { evaluation, rows } = await airlineDriverFigures(dataDir);
      expect(rows).toEqual({ train: 4085, test: 1041 });
      expect(evaluation.labels).toHaveLength(9);
      // Measured 0.635 / 0.504 (bench/drivers-public.ts). The goal (AIRLINE_GOAL: 0.72 / 0.55) is
      // not reached yet; this floor keeps what is measured from regressing.
      expect(evaluation.accuracy).toBeGreaterThanOrEqual(0.62);
      expect(evaluation.macroF1).toBeGreaterThanOrEqual(0.49);
      expect(AIRLINE_GOAL.accuracy).toBe(0.72);
    },
  );
});
