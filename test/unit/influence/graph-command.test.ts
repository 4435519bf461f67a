import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI_FROM_SOURCES } from '../../support/run-cli.js';

const dir = mkdtempSync(path.join(tmpdir(), 'ecoute-graph-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const target = path.join(dir, name);
  writeFileSync(target, text);
  return target;
}

function ecoute(args: string[], input?: string) {
  const run = spawnSync(process.execPath, [...CLI_FROM_SOURCES, ...args], {
    input,
    encoding: 'utf8',
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function rows(stdout: string): [string, number][] {
  return stdout
    .trimEnd()
    .split('\n')
    .map((line) => {
      const [node, score] = line.split('\t');
      return [node!, Number(score)];
    });
}

const ALPHA = 0.85;

describe('ecoute graph pagerank', () => {
  it('writes node<TAB>score lines, highest first, equal scores by name', () => {
    // a -> b, a -> c: b and c tie above a. a = 1/(3 + α).
    const input = file('fan.txt', '# fan out\na b\na c\n');
    const run = ecoute(['graph', 'pagerank', '--input', input, '--tol', '1e-15']);
    expect(run.code).toBe(0);
    const result = rows(run.stdout);
    expect(result.map(([node]) => node)).toEqual(['b', 'c', 'a']);
    expect(result[2]![1]).toBeCloseTo(1 / (3 + ALPHA), 12);
    expect(result[0]![1]).toBe(result[1]![1]);
    expect(run.stderr).toMatch(/3 nodes, 2 distinct edges/);
  });

  it('prints each score with every digit of the double', () => {
    const run = ecoute(['graph', 'pagerank', '--input', file('pair.txt', 'a b\n')]);
    const [, score] = rows(run.stdout)[0]!;
    expect(run.stdout.split('\n')[0]).toBe(`b\t${String(score)}`);
    expect(String(score).length).toBeGreaterThan(15);
  });

  it('adds the weights of repeated pairs with --weighted and reads stdin with --input -', () => {
    const edges = 'a b 1\na b 2\na c 1\n';
    const plain = rows(
      ecoute(['graph', 'pagerank', '--input', '-', '--tol', '1e-15'], edges).stdout,
    );
    const weighted = rows(
      ecoute(['graph', 'pagerank', '--input', '-', '--weighted', '--tol', '1e-15'], edges).stdout,
    );
    const a = 1 / (3 + ALPHA);
    expect(Object.fromEntries(plain).b).toBeCloseTo(a * (1 + ALPHA / 2), 12);
    expect(Object.fromEntries(weighted).b).toBeCloseTo(a * (1 + 0.75 * ALPHA), 12);
    expect(Object.fromEntries(weighted).c).toBeCloseTo(a * (1 + 0.25 * ALPHA), 12);
  });

  it('uses --alpha as the damping factor', () => {
    const run = ecoute(
      ['graph', 'pagerank', '--input', '-', '--alpha', '0.5', '--tol', '1e-15'],
      'a b\n',
    );
    // a -> b with b dangling: a = 1/(2 + α).
    expect(Object.fromEntries(rows(run.stdout)).a).toBeCloseTo(1 / 2.5, 12);
  });

  it('fails with the file, line number and reason of a bad line, and nothing on stdout', () => {
    const input = file('bad.txt', 'a b\nb c oops\n');
    const run = ecoute(['graph', 'pagerank', '--input', input]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`${input}: line 2: weight "oops" is not a finite decimal number`);
  });

  it('fails when the power iteration does not converge within --max-iter', () => {
    const run = ecoute(
      ['graph', 'pagerank', '--input', '-', '--max-iter', '1', '--tol', '1e-15'],
      'a b\na c\n',
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/failed to converge within 1 iterations/);
  });

  it('is a usage error (exit 2) without --input', () => {
    const run = ecoute(['graph', 'pagerank']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--input is required/);
  });
});
