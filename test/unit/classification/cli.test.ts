import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_FROM_SOURCES } from '../../support/run-cli.js';

const root = path.resolve('.');
const messages = path.join(root, 'core', 'classification', 'training', 'messages.csv');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function ecoute(args: string[], stdin = ''): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...CLI_FROM_SOURCES, ...args], {
      cwd: root,
      env: { ...process.env, DOTENV_CONFIG_QUIET: 'true' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'ecoute-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('ecoute classify', () => {
  it('writes one JSON line per input and nothing else on stdout, exit 0', async () => {
    const input = [
      { id: 'a', text: 'Je vais résilier, service client injoignable' },
      { id: 2, text: 'It would be great if you added a dark mode', lang: 'en' },
      { id: 'c', text: 'Ich kündige mein Abo' },
    ]
      .map((o) => JSON.stringify(o))
      .join('\n');
    const run = await ecoute(['classify'], `${input}\n`);
    expect(run.code).toBe(0);
    const lines = run.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.id)).toEqual(['a', 2, 'c']);
    for (const l of lines) {
      expect(Object.keys(l)).toEqual([
        'id',
        'lang',
        'sentiment',
        'dissatisfied',
        'signals',
        'idea',
        'evidence',
        'driver',
      ]);
    }
    expect(lines[0]).toMatchObject({ lang: 'fr', dissatisfied: true });
    expect((lines[0]?.signals as Record<string, number>).churn_intent).toBeGreaterThan(0.5);
    expect(lines[1]).toMatchObject({ lang: 'en', idea: true });
    expect(lines[2]).toMatchObject({ lang: 'unknown', idea: false, dissatisfied: false });
  });

  it('reports bad lines on stderr with their number and reason, skips them, exit 1', async () => {
    const input = [
      '{"id":"ok","text":"thanks!"}',
      'not json',
      '{"id":"x"}',
      '',
      '[1,2]',
      '{"id":"ok2","text":"merci"}',
    ].join('\n');
    const run = await ecoute(['classify'], input);
    expect(run.code).toBe(1);
    expect(
      run.stdout
        .trimEnd()
        .split('\n')
        .map((l) => (JSON.parse(l) as { id: string }).id),
    ).toEqual(['ok', 'ok2']);
    expect(run.stderr).toContain('line 2: not valid JSON');
    expect(run.stderr).toContain('line 3: "text": missing');
    expect(run.stderr).toContain('line 5: not a JSON object');
  });

  it('exits 2 on an unknown option', async () => {
    const run = await ecoute(['classify', '--nope']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
  });
});

describe('ecoute train and evaluate', () => {
  it('train writes a model that evaluate measures, as text and as JSON; classify uses it', async () => {
    const model = path.join(dir, 'idea-fr.json');
    const train = await ecoute([
      'train',
      '--task',
      'idea',
      '--input',
      messages,
      '--text-column',
      'text',
      '--label-column',
      'idea',
      '--lang',
      'fr',
      '--bits',
      '16',
      '--char-ngrams',
      'none',
      '--out',
      model,
    ]);
    expect(train.code).toBe(0);
    expect(train.stdout).toBe('');
    expect(train.stderr).toMatch(/475 of 948 rows have lang=fr/);
    const args = [
      'evaluate',
      '--model',
      model,
      '--input',
      messages,
      '--text-column',
      'text',
      '--label-column',
      'idea',
    ];
    const text = await ecoute(args);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/accuracy\s+0\.\d{4}/);
    expect(text.stdout).toMatch(/macro-F1\s+0\.\d{4}/);
    expect(text.stdout).toContain('confusion');
    const json = await ecoute([...args, '--json']);
    const e = JSON.parse(json.stdout) as {
      task: string;
      lang: string;
      rows: number;
      accuracy: number;
      confusion: number[][];
      perClass: { label: string }[];
    };
    expect(e).toMatchObject({ task: 'idea', lang: 'fr', rows: 948 });
    expect(e.perClass.map((c) => c.label)).toEqual(['0', '1']);
    expect(e.confusion.flat().reduce((a, b) => a + b, 0)).toBe(948);
    const classify = await ecoute(
      ['classify', '--model', model],
      '{"id":1,"text":"Pourquoi ne pas ajouter un mode sombre ?"}\n',
    );
    expect(classify.code).toBe(0);
    expect(JSON.parse(classify.stdout)).toMatchObject({ id: 1, idea: true });
  });

  it('train names a missing column', async () => {
    const run = await ecoute([
      'train',
      '--task',
      'idea',
      '--input',
      messages,
      '--text-column',
      'body',
      '--label-column',
      'idea',
      '--out',
      path.join(dir, 'x.json'),
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('column "body" not found');
  });
});
