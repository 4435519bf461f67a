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
      // Measured 0.682 / 0.568 (bench/drivers-public.ts). The macro-F1 goal (AIRLINE_GOAL: 0.55) is
      // reached, the accuracy goal (0.72) not yet; these floors keep what is measured.
      expect(evaluation.accuracy).toBeGreaterThanOrEqual(0.67);
      expect(evaluation.macroF1).toBeGreaterThanOrEqual(AIRLINE_GOAL.macroF1);
      expect(AIRLINE_GOAL.accuracy).toBe(0.72);
    },
  );
});
