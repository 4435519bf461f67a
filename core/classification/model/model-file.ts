/**
 * Model files: one JSON document with the description (task, language, version, training data,
 * hyper-parameters, figures) and the weights. Only the feature rows with a non-zero weight are
 * stored, as base64 of little-endian Int32 indices and Float32 values, so a file is compact and
 * loads in a few milliseconds.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { LinearModel } from './linear-model.js';
import type { Model, ModelInfo } from './model.js';
import { MODEL_TASKS } from './labels.js';

interface StoredMember {
  classes: string[];
  features: LinearModel['features'];
  bias: number[];
  /** Feature rows kept (base64 Int32) and their K weights each (base64 Float32). */
  rows: string;
  weights: string;
}
interface StoredModel extends ModelInfo {
  offsets: number[];
  members: StoredMember[];
}

/** Weights below this magnitude are dropped from the file: they never move a decision. */
const ZERO = 1e-6;

function toBase64(a: Int32Array | Float32Array): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
}

function storeMember(m: LinearModel): StoredMember {
  const k = m.classes.length;
  const rows: number[] = [];
  const values: number[] = [];
  for (let r = 0; r < m.weights.length / k; r++) {
    let keep = false;
    for (let c = 0; c < k; c++) if (Math.abs(m.weights[r * k + c] as number) > ZERO) keep = true;
    if (!keep) continue;
    rows.push(r);
    for (let c = 0; c < k; c++) values.push(m.weights[r * k + c] as number);
  }
  return {
    classes: m.classes,
    features: m.features,
    bias: Array.from(m.bias),
    rows: toBase64(Int32Array.from(rows)),
    weights: toBase64(Float32Array.from(values)),
  };
}

function loadMember(s: StoredMember, where: string): LinearModel {
  const k = s.classes.length;
  const buf = (b64: string) => {
    const b = Buffer.from(b64, 'base64');
    // Copy into an aligned buffer: typed arrays need an offset that is a multiple of 4.
    return new Uint8Array(b).buffer;
  };
  const rows = new Int32Array(buf(s.rows));
  const values = new Float32Array(buf(s.weights));
  if (values.length !== rows.length * k)
    throw new Error(
      `${where}: weights: ${values.length} values for ${rows.length} rows of ${k} classes`,
    );
  const weights = new Float32Array((1 << s.features.bits) * k);
  for (let i = 0; i < rows.length; i++)
    weights.set(values.subarray(i * k, i * k + k), (rows[i] as number) * k);
  return { classes: s.classes, features: s.features, bias: Float32Array.from(s.bias), weights };
}

export function serializeModel(model: Model): string {
  const stored: StoredModel = {
    ...model.info,
    offsets: Array.from(model.offsets),
    members: model.members.map(storeMember),
  };
  return JSON.stringify(stored);
}

export function parseModel(json: string, where = 'model'): Model {
  const s = JSON.parse(json) as Partial<StoredModel>;
  if (s.format !== 'ecoute-model') throw new Error(`${where}: format: not an Écoute model file`);
  if (s.formatVersion !== 1)
    throw new Error(
      `${where}: formatVersion: ${String(s.formatVersion)} is not supported (expected 1)`,
    );
  if (!s.task || !MODEL_TASKS.includes(s.task))
    throw new Error(`${where}: task: "${String(s.task)}" is not one of ${MODEL_TASKS.join(', ')}`);
  if (s.lang !== 'fr' && s.lang !== 'en')
    throw new Error(`${where}: lang: "${String(s.lang)}" is not fr or en`);
  if (!Array.isArray(s.members) || s.members.length === 0)
    throw new Error(`${where}: members: none`);
  const { members, offsets, ...info } = s as StoredModel;
  return {
    info,
    members: members.map((m, i) => loadMember(m, `${where}: member ${i}`)),
    offsets: Float32Array.from(offsets ?? []),
  };
}

export async function saveModel(model: Model, file: string): Promise<void> {
  await writeFile(file, serializeModel(model));
}

export async function loadModel(file: string): Promise<Model> {
  return parseModel(await readFile(file, 'utf8'), file);
}

/** Every `*.json` model file of a folder, in name order. */
export async function loadModelsFromDir(dir: string): Promise<Model[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  return Promise.all(files.map((f) => loadModel(path.join(dir, f))));
}
