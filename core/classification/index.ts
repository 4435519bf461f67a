/**
 * Écoute's analysis of what customers say, for the pipeline, the API and the CLI: the default
 * analyzer, training (from files or in-memory examples), model files and evaluation.
 */
export * from './analysis.js';
export { createDefaultAnalyzer, LEXICON_VERSION } from './analyzer/default-analyzer.js';
export {
  buildModelSet,
  loadModelsSync,
  shippedModels,
  SHIPPED_MODELS_DIR,
} from './analyzer/model-set.js';
export type { ModelKey, ModelSet } from './analyzer/model-set.js';
export { evaluateModel, predictLabel } from './model/evaluate-model.js';
export { TASKS, SENTIMENT_CLASSES, BINARY_CLASSES, canonicalLabel } from './model/labels.js';
export type { Task } from './model/labels.js';
export { evaluatePredictions, formatEvaluation } from './model/metrics.js';
export type { Evaluation } from './model/metrics.js';
export type { Model, ModelInfo } from './model/model.js';
export {
  loadModel,
  loadModelsFromDir,
  parseModel,
  saveModel,
  serializeModel,
} from './model/model-file.js';
export { RECIPES } from './model/recipes.js';
export { trainFromExamples, trainFromFile } from './model/train-file.js';
export { trainModel } from './model/train.js';
export type { TrainingExample, TrainModelOptions } from './model/train.js';
export { detectLanguage } from './text/language.js';
