/** A model's figures on labelled examples it did not see. */
import type { Lang } from '../analysis.js';
import { prepareText } from '../text/prepare.js';
import { canonicalLabel } from './labels.js';
import { evaluatePredictions, type Evaluation } from './metrics.js';
import type { Model } from './model.js';
import { decideClass, predictProbs } from './predict.js';
import type { TrainingExample } from './train.js';

export function predictLabel(model: Model, text: string, lang: Lang = model.info.lang): string {
  const classes = model.members[0]?.classes ?? [];
  return classes[decideClass(model, predictProbs(model, prepareText(text, { lang })))] as string;
}

/** Rows whose label is not one of the model's classes are an error naming the row. */
export function evaluateModel(model: Model, examples: TrainingExample[]): Evaluation {
  const classes = model.members[0]?.classes ?? [];
  const gold = examples.map((e, i) => {
    const c = canonicalLabel(model.info.task, e.label);
    const index = c === undefined ? -1 : classes.indexOf(c);
    if (index < 0)
      throw new Error(
        `label of row ${i + 1}: "${e.label}" is not one of the model's classes (${classes.join(', ')})`,
      );
    return index;
  });
  const predicted = examples.map((e) => classes.indexOf(predictLabel(model, e.text)));
  return evaluatePredictions(classes, gold, predicted);
}
