import { describe, expect, it } from 'vitest';
import { boundaryNearness, normalizedEntropy } from '../../../core/corrections/uncertainty.js';

describe('uncertainty of a model reading', () => {
  it('is 1 for uniform sentiment probabilities and 0 for a certain one', () => {
    expect(normalizedEntropy([1 / 3, 1 / 3, 1 / 3])).toBeCloseTo(1, 10);
    expect(normalizedEntropy([1, 0, 0])).toBe(0);
    expect(normalizedEntropy([0.8, 0.1, 0.1])).toBeLessThan(normalizedEntropy([0.5, 0.3, 0.2]));
  });

  it('is 1 on the decision boundary of a binary model, its offsets included', () => {
    expect(boundaryNearness([0.5, 0.5], [0, 0])).toBeCloseTo(1, 10);
    // With an offset of log 3 for "yes", 0.25 / 0.75 sits on the boundary.
    expect(boundaryNearness([0.75, 0.25], [0, Math.log(3)])).toBeCloseTo(1, 6);
    expect(boundaryNearness([0.99, 0.01], [0, 0])).toBeLessThan(0.02);
    expect(boundaryNearness([0.6, 0.4], [0, 0])).toBeGreaterThan(
      boundaryNearness([0.9, 0.1], [0, 0]),
    );
  });
});
