import type { CliCommand } from './command.js';

/**
 * The `ecoute` commands: name and summary here, the command itself loaded only when it runs, so
 * `ecoute --help` answers without loading the database, queue and NLP modules the commands need.
 */
export interface CommandEntry {
  name: string;
  summary: string;
  load(): Promise<{ command: CliCommand }>;
}

export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'classify',
    summary: 'Analyse JSON Lines texts: language, sentiment, dissatisfaction signals, ideas',
    load: () => import('./commands/classify.js'),
  },
  {
    name: 'customers',
    summary: 'Import customer accounts from a CRM export (CSV)',
    load: () => import('./commands/customers.js'),
  },
  {
    name: 'evaluate',
    summary: 'Measure a model on a labelled CSV file (accuracy, macro-F1, per class, confusion)',
    load: () => import('./commands/evaluate.js'),
  },
  {
    name: 'graph',
    summary: 'Graph analytics on an edge list (pagerank)',
    load: () => import('./commands/graph.js'),
  },
  {
    name: 'import',
    summary: 'Import mentions from a CSV or JSON Lines file through the pipeline',
    load: () => import('./commands/import.js'),
  },
  {
    name: 'influence',
    summary: 'Compute opinion leaders and flag-bearers of a topic now (influence compute)',
    load: () => import('./commands/influence.js'),
  },
  {
    name: 'keys',
    summary: 'Create, list and revoke API keys',
    load: () => import('./commands/keys.js'),
  },
  {
    name: 'migrate',
    summary: 'Create the database if needed and apply the migrations in sql/',
    load: () => import('./commands/migrate.js'),
  },
  {
    name: 'retrain',
    summary: "Adapt a shipped model to people's corrections (or train on a base file plus them)",
    load: () => import('./commands/retrain.js'),
  },
  {
    name: 'serve',
    summary: 'Run the API (and the dashboards) only; migrates first',
    load: () => import('./commands/serve.js'),
  },
  {
    name: 'sources',
    summary: 'Preview what a source would store from a feed or a recorded response (preview)',
    load: () => import('./commands/sources.js'),
  },
  {
    name: 'start',
    summary: 'Migrate, start the API and the workers, and load the demo data on an empty database',
    load: () => import('./commands/start.js'),
  },
  {
    name: 'train',
    summary: 'Train a sentiment, dissatisfaction, idea or driver model from a labelled CSV file',
    load: () => import('./commands/train.js'),
  },
  {
    name: 'users',
    summary: 'Create, list, disable and enable people who sign in to the dashboards',
    load: () => import('./commands/users.js'),
  },
  {
    name: 'worker',
    summary: 'Run a worker process (polling, analysis, maintenance); run several to scale out',
    load: () => import('./commands/worker.js'),
  },
];
