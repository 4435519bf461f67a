/**
 * Probabilities of several models for one text at once: the members that read the same features
 * share one feature extraction and, when sparse, one table, so each feature is looked up once for
 * all of them (the analyzer's sentiment, dissatisfied and idea models of a language). Each model
 * gets exactly what predictProbs gives it: the same logits, averaged in the same member order.
 */
import type { PreparedText } from '../text/prepare.js';
import type { FeatureOptions } from './features.js';
import type { LinearModel } from './linear-model.js';
import type { Model } from './model.js';
import { addMemberProbs, FeatureCache, sameFeatures, sharedFeatureCache } from './predict.js';
import {
  buildSparseTable,
  placeMembers,
  predictLogits,
  sparseLogits,
  type SparseTable,
} from './sparse-weights.js';

/** Members reading the same features. */
interface Group {
  options: FeatureOptions;
  members: LinearModel[];
  /** null: too dense for a joint table; each member is read on its own. */
  table: SparseTable | null;
  /** With a table: all the members' logits side by side (`outs` are views of it). */
  joint: Float64Array;
  /** Each member's logits. */
  outs: Float64Array[];
}

export class JointPredictor {
  private readonly groups: Group[] = [];
  /** Per model, per member: where its logits are. */
  private readonly logits: Float64Array[][];

  /** `models`: an absent model (undefined) gets no probabilities. */
  constructor(private readonly models: (Model | undefined)[]) {
    const places = models.map((model) => model?.members.map((m) => this.place(m)) ?? []);
    for (const g of this.groups) {
      g.table = buildSparseTable(g.members, g.options.bits);
      if (g.table) placeMembers(g.members, g.table);
      g.joint = new Float64Array(g.table?.width ?? 0);
      g.outs = g.members.map((m, j) => {
        const k = m.classes.length;
        const at = g.table?.offsets[j];
        return at === undefined ? new Float64Array(k) : g.joint.subarray(at, at + k);
      });
    }
    this.logits = places.map((list) =>
      list.map(({ group, index }) => group.outs[index] as Float64Array),
    );
  }

  /** The group of a member's features, and the member's index in it. */
  private place(m: LinearModel): { group: Group; index: number } {
    let group = this.groups.find((g) => sameFeatures(g.options, m.features));
    if (!group) {
      const none = new Float64Array(0);
      group = { options: m.features, members: [], table: null, joint: none, outs: [] };
      this.groups.push(group);
    }
    group.members.push(m);
    return { group, index: group.members.length - 1 };
  }

  /** Each model's averaged probabilities, in the order of the models given. */
  predict(p: PreparedText, cache: FeatureCache = sharedFeatureCache): (Float64Array | undefined)[] {
    for (const g of this.groups) {
      const v = cache.vector(p, g.options);
      if (g.table) sparseLogits(g.table, v, g.joint);
      else
        for (let j = 0; j < g.members.length; j++)
          predictLogits(g.members[j] as LinearModel, v, g.outs[j] as Float64Array);
    }
    return this.models.map((model, i) =>
      model ? this.average(model, this.logits[i] as Float64Array[]) : undefined,
    );
  }

  private average(model: Model, memberLogits: Float64Array[]): Float64Array {
    const first = model.members[0];
    if (!first) throw new Error(`model ${model.info.version}: no members`);
    const out = new Float64Array(first.classes.length);
    for (const z of memberLogits) addMemberProbs(out, z, model.members.length);
    return out;
  }
}
