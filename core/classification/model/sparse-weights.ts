/**
 * The non-zero rows of trained members, in a small open-addressing table, for prediction. The
 * shipped models fill about 2 % of their 2^18 rows: their dense tables (2–3 MB each, 14 MB for
 * both languages) miss the caches on nearly every feature, while their rows fit in a 256 kB
 * table each. Reading the logits of the three models of a language this way: 4.4 → 2.4 µs a
 * bench tweet. Skipping an all-zero row changes no logit: adding 0 × x leaves a sum as it is (at
 * most the sign of a zero, which exp() does not see).
 *
 * One table may hold several members reading the same features (the three shipped models of a
 * language use the same rows, 512 kB for the three): one lookup per feature then serves them
 * all, 10–20 % more analyses a second than a table per member (medians of alternated passes).
 *
 * A member is read once, when its table is built: a model is not changed after it predicts
 * (training calls `logits` on its dense table directly).
 */
import type { SparseVector } from './features.js';
import { logits, type LinearModel } from './linear-model.js';

export interface SparseTable {
  /** Per slot: the row + 1 (0: empty slot), then each member's K weights, padded to `stride`. */
  keys: Int32Array;
  weights: Float32Array;
  stride: number;
  mask: number;
  /** The members' logits side by side: member j's K classes start at offsets[j]. */
  width: number;
  offsets: number[];
  /** The members' biases, laid out as their logits. */
  bias: Float64Array;
}

/** Members using more of their rows than this keep their dense tables (hashing would not pay). */
const MAX_DENSITY = 1 / 16;

function addNonZeroRows(m: LinearModel, rows: Set<number>): void {
  const k = m.classes.length;
  const w = m.weights;
  for (let r = 0, base = 0; base < w.length; r++, base += k) {
    for (let c = 0; c < k; c++) {
      if ((w[base + c] as number) !== 0) {
        rows.add(r);
        break;
      }
    }
  }
}

function powerOfTwoAtLeast(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

/** The table of `members` (all with `bits` feature bits), or null when they are too dense. */
export function buildSparseTable(members: LinearModel[], bits: number): SparseTable | null {
  const rows = new Set<number>();
  for (const m of members) addNonZeroRows(m, rows);
  if (rows.size > (1 << bits) * MAX_DENSITY) return null;
  const offsets: number[] = [];
  let width = 0;
  for (const m of members) {
    offsets.push(width);
    width += m.classes.length;
  }
  const bias = new Float64Array(width);
  members.forEach((m, j) => bias.set(m.bias, offsets[j]));
  // At most half full, so a lookup mostly reads one slot; a slot is one cache line or less.
  const capacity = powerOfTwoAtLeast(Math.max(16, rows.size * 2));
  const stride = powerOfTwoAtLeast(width + 1);
  const buffer = new ArrayBuffer(capacity * stride * 4);
  const keys = new Int32Array(buffer);
  const weights = new Float32Array(buffer);
  const mask = capacity - 1;
  for (const row of rows) {
    let slot = row & mask;
    while ((keys[slot * stride] as number) !== 0) slot = (slot + 1) & mask;
    keys[slot * stride] = row + 1;
    members.forEach((m, j) => {
      const k = m.classes.length;
      const first = slot * stride + 1 + (offsets[j] as number);
      weights.set(m.weights.subarray(row * k, row * k + k), first);
    });
  }
  return { keys, weights, stride, mask, width, offsets, bias };
}

/** Start of the weights of `row` in its slot, or -1 when the row is all zeros. */
function weightsOf(t: SparseTable, row: number): number {
  const key = row + 1;
  let slot = row & t.mask;
  for (;;) {
    const found = t.keys[slot * t.stride] as number;
    if (found === key) return slot * t.stride + 1;
    if (found === 0) return -1;
    slot = (slot + 1) & t.mask;
  }
}

/**
 * Logits of the members of a table from the `from`-th value on, `count` of them, into `out`:
 * for each member the same sums, in the same order, as `logits` over its dense table.
 */
export function sparseLogits(
  t: SparseTable,
  v: SparseVector,
  out: Float64Array,
  from = 0,
  count = t.width,
): Float64Array {
  const weights = t.weights;
  for (let c = 0; c < count; c++) out[c] = t.bias[from + c] as number;
  for (let i = 0; i < v.n; i++) {
    const base = weightsOf(t, v.idx[i] as number);
    if (base < 0) continue;
    const x = v.val[i] as number;
    for (let c = 0; c < count; c++)
      out[c] = (out[c] as number) + (weights[base + from + c] as number) * x;
  }
  return out;
}

/** Where a member's weights are read: a sparse table (its own or a joint one) or its dense one. */
export class MemberWeights {
  constructor(
    private readonly m: LinearModel,
    readonly table: SparseTable | null,
    /** The member's first weight in a slot of `table`. */
    readonly offset: number,
  ) {}

  /** The array `rowStart` indexes. */
  get weights(): Float32Array {
    return this.table ? this.table.weights : this.m.weights;
  }

  /** Index in `weights` of the row's first weight; -1 for an all-zero row. */
  rowStart(row: number): number {
    if (!this.table) return row * this.m.classes.length;
    const base = weightsOf(this.table, row);
    return base < 0 ? -1 : base + this.offset;
  }

  logits(v: SparseVector, out: Float64Array): Float64Array {
    if (!this.table) return logits(this.m, v, out);
    return sparseLogits(this.table, v, out, this.offset, this.m.classes.length);
  }
}

const placed = new WeakMap<LinearModel, MemberWeights>();

/** Records that a table holds `members` (a joint table: their reads then share its lines). */
export function placeMembers(members: LinearModel[], t: SparseTable): void {
  members.forEach((m, j) => placed.set(m, new MemberWeights(m, t, t.offsets[j] as number)));
}

/** A member's weights: where they were placed, else its own table built at its first use. */
export function memberWeights(m: LinearModel): MemberWeights {
  let w = placed.get(m);
  if (!w) {
    w = new MemberWeights(m, buildSparseTable([m], m.features.bits), 0);
    placed.set(m, w);
  }
  return w;
}

/** The same logits as `logits(m, v, out)`, read from the member's sparse table when it has one. */
export function predictLogits(m: LinearModel, v: SparseVector, out: Float64Array): Float64Array {
  return memberWeights(m).logits(v, out);
}
