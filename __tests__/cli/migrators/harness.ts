/**
 * Shared by the Alembic, Django and plain SQL scenarios run through the real CLI: the harness's runner
 * (helpers/cli.ts) with the JSON report and the PR comment markdown, followed by the leftover checks
 * every scenario ends with (no `schemagate_` database on either server, no process that the run
 * started), readers of the report's SQL, and temporary projects for the tests that write one.
 */

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import type { EngineReport, MigrationReport } from '../../../src/report/model.js';
import { type CheckRun, checkIn, FIXTURES, ROOT } from '../../helpers/cli.js';
import { processesMarked } from '../../helpers/leftovers.js';
import { ENGINES, leftoversAfterRun } from '../../helpers/targets.js';

/** Debian's Python, which has Alembic, SQLAlchemy, Django and both drivers (scripts/ci/setup-python.sh). */
export const PYTHON = '/usr/bin/python3';

export function fixture(...parts: string[]): string {
  return path.join(FIXTURES, ...parts);
}

const tempProjects: string[] = [];

/**
 * A new empty folder for a project the test writes, outside the repository (so no node_modules on
 * the way up serves it), removed by `removeTempProjects` (each suite's afterAll). With
 * `nodeModules`, the repository's node_modules is linked in, for a project whose tool schemagate
 * must find installed.
 */
export function tempProject(name: string, options: { nodeModules?: boolean } = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), `sg-${name}-`));
  tempProjects.push(dir);
  if (options.nodeModules) symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  return dir;
}

export function removeTempProjects(): void {
  for (const dir of tempProjects.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** The two local servers as `--url` targets (helpers/targets.ts), under the names these tests use. */
export type { CheckRun } from '../../helpers/cli.js';
export { ENGINES, mariadb, postgres, type Target } from '../../helpers/targets.js';

/**
 * `schemagate check --cwd <cwd> <args>` with --json and --markdown, then the leftover checks: the
 * run has ended, so whatever it started must be gone by now, on both servers.
 */
export async function check(
  cwd: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<CheckRun> {
  // Every process the run starts inherits this variable, so its survivors can be found exactly
  // even while other test runs use Python on the same machine.
  const marker = randomBytes(8).toString('hex');
  const run = await checkIn(cwd, args, { env: { ...env, SCHEMAGATE_TEST_SCENARIO: marker }, markdown: true });
  expect(processesMarked('SCHEMAGATE_TEST_SCENARIO', marker), 'processes the run left behind').toEqual([]);
  for (const engine of ENGINES) {
    expect(await leftoversAfterRun(engine, 15_000), `throwaway databases left on ${engine.name}`).toEqual([]);
  }
  return run;
}

/** `check status` per migration, e.g. `2b3c4d5e6f7a: up pass, round-trip fail, re-apply fail`. */
export function checkLines(engine: EngineReport): string[] {
  return engine.migrations.map((m) => `${m.id}: ${m.checks.map((c) => `${c.check} ${c.status}`).join(', ')}`);
}

export const ALL_PASS = 'up pass, round-trip pass, re-apply pass';

/** The one line schemagate printed as its error (progress lines aside), with no stack trace. */
export function errorLines(stderr: string): string[] {
  expect(stderr).not.toMatch(/^\s+at |Traceback/m);
  return stderr.split('\n').filter((l) => l.trim() !== '' && !/^\[(postgres|mysql|mariadb) /.test(l));
}

interface SqlBlock {
  /** The count in the block's summary ("Up SQL · 2 statements"). */
  count: number;
  /** The fenced block's text. */
  text: string;
}

/** The up and down SQL blocks the markdown shows under each migration's heading, by migration name. */
export function markdownSql(markdown: string): Map<string, { up?: SqlBlock; down?: SqlBlock }> {
  const sections = new Map<string, { up?: SqlBlock; down?: SqlBlock }>();
  const lines = markdown.split('\n');
  let current: string | null = null;
  let pending: { direction: 'up' | 'down'; count: number } | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heading = /^(?:\*\*|#### .*?)<code>(.*?)<\/code>/.exec(line);
    if (heading) {
      current = decode(heading[1]!);
      continue;
    }
    const summary = /<summary>(Up|Down) SQL · (\d+) statements?<\/summary>/.exec(line);
    if (summary) {
      pending = { direction: summary[1] === 'Up' ? 'up' : 'down', count: Number(summary[2]) };
      continue;
    }
    const fence = /^(`{3,})sql$/.exec(line);
    if (fence && pending && current) {
      const body: string[] = [];
      for (i++; i < lines.length && lines[i] !== fence[1]; i++) body.push(lines[i]!);
      const section = sections.get(current) ?? {};
      section[pending.direction] = { count: pending.count, text: body.join('\n') };
      sections.set(current, section);
      pending = null;
    }
  }
  return sections;
}

/**
 * Every migration's up and down SQL from the JSON report is in the markdown, every statement of
 * it, under that migration's heading; a migration that ran no SQL in a direction has no block.
 */
export function expectSqlInMarkdown(markdown: string, migrations: MigrationReport[]): void {
  const shown = markdownSql(markdown);
  for (const m of migrations) {
    for (const direction of ['up', 'down'] as const) {
      const statements = m.sql[direction];
      const block = shown.get(m.name)?.[direction];
      const what = `${m.name}: ${direction} SQL in the markdown`;
      if (statements.length === 0) {
        expect(block, what).toBeUndefined();
        continue;
      }
      expect(block?.count, what).toBe(statements.length);
      for (const statement of statements) {
        expect(block!.text, what).toContain(statement.replace(/\r\n?/g, '\n').trim());
      }
    }
  }
}

/** The entities escapeText writes, back to text. */
function decode(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/\u200b/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
