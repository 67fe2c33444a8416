import { appendFileSync, cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';

// Issue 28: messages that lost their position or said the wrong thing.

const tmp = tempDir('neaspec-messages-28-');
afterAll(() => tmp.cleanup());

function copy(name: string, edit: (plan: string) => string): string {
  const fw = path.join(tmp.dir, name);
  cpSync(path.join(ROOT, 'frameworks/neaspec-2026-2030'), fw, { recursive: true });
  const p = path.join(fw, 'plan.yaml');
  const text = readFileSync(p, 'utf8');
  const edited = edit(text);
  expect(edited).not.toBe(text);
  writeFileSync(p, edited);
  return fw;
}

describe('validate', () => {
  it('a file whose lines end with CR alone: read as lines, every position kept', async () => {
    const fw = copy('cr', (t) => t.replace('start: 2026', 'start: 2026x').replace(/\n/g, '\r'));
    const line = readFileSync(path.join(ROOT, 'frameworks/neaspec-2026-2030/plan.yaml'), 'utf8')
      .split('\n')
      .findIndex((l) => l.includes('start: 2026'));
    const r = await runCli(['--framework', fw, 'validate']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `cr/plan.yaml:${line + 1}:10: error wrong-type "start" must be a number, not "2026x"`,
    );
    expect(r.stdout).not.toContain('plan-missing');
  });

  it('an alias with no anchor is named as such, at its place', async () => {
    const fw = copy('alias', (t) => t.replace(/title: NEASPEC Strategic Plan[^\n]*/, 'title: *nothere'));
    const line = readFileSync(path.join(fw, 'plan.yaml'), 'utf8')
      .split('\n')
      .findIndex((l) => l.includes('*nothere'));
    const r = await runCli(['--framework', fw, 'validate']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `alias/plan.yaml:${line + 1}:10: error yaml-syntax the alias *nothere names no anchor: write &nothere on the value it stands for, earlier in the file, or write the value itself`,
    );
  });

  it('a 100,000-character id: the message shows its start and its length, the line its place', async () => {
    const fw = copy('longid', (t) => `${t}\n`);
    appendFileSync(
      path.join(fw, 'progress/2026.yaml'),
      `  - {indicator: ${'X'.repeat(100_000)}, period: 2026, value: 1, date: 2026-03-01}\n`,
    );
    const r = await runCli(['--framework', fw, 'validate']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`unknown indicator "${'X'.repeat(40)}…" (100000 characters)`);
    expect(r.stdout).toMatch(/longid\/progress\/2026\.yaml:\d+:17: error unknown-indicator/);
    expect(r.stdout.length).toBeLessThan(2000);
  });
});
