import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMENT_LIMIT, commentMarker, renderComment, renderSummary } from '../../src/report/markdown.js';
import type { MigrationReport, Report } from '../../src/report/model.js';
import { readStructure } from '../helpers/markdown-structure.js';

const here = path.dirname(new URL(import.meta.url).pathname);
const fixture = (name: string): Report =>
  JSON.parse(readFileSync(path.join(here, '__fixtures__', `${name}.json`), 'utf8'));

function expectSound(markdown: string): void {
  const s = readStructure(markdown);
  expect(s.unclosedFences, 'a fence is left open').toBe(0);
  expect(s.openDetails, '<details> left open').toBe(0);
  expect(s.strayCloses, 'a </details> closes something schemagate did not open').toBe(0);
  expect(s.foreignTags, 'raw HTML outside code').toEqual([]);
  expect(s.mentions, '@mentions outside code').toEqual([]);
  expect(s.raggedRows, 'table rows with extra cells').toEqual([]);
}

describe('golden comments', () => {
  // UPDATE_GOLDEN=1 rewrites them; review the diff: it is exactly what users will see.
  for (const name of ['pass', 'fail', 'drift']) {
    it(`renders ${name}.md byte for byte`, () => {
      const body = renderComment(fixture(name));
      const file = path.join(here, '__golden__', `${name}.md`);
      if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, body);
      expect(body).toBe(readFileSync(file, 'utf8'));
      expectSound(body);
    });
  }
});

describe('renderComment', () => {
  it('starts with the configuration marker and keeps one comment per configuration', () => {
    const report = fixture('pass');
    expect(
      renderComment(report, { configKey: 'api:postgres' }).startsWith('<!-- schemagate:api:postgres -->\n'),
    ).toBe(true);
    // A key cannot close the HTML comment early.
    expect(commentMarker('x --> <b>y</b>')).toBe('<!-- schemagate:x_-_b_y_/b_ -->');
  });

  it('says briefly that all migrations round-trip when everything passes', () => {
    const report = fixture('pass');
    for (const m of report.engines[0]!.migrations) {
      m.checks = [
        { check: 'up', status: 'pass' },
        { check: 'round-trip', status: 'pass' },
      ];
      m.changed = true;
    }
    const body = renderComment(report);
    expect(body).toContain('### ✅ schemagate: all 3 migrations round-trip on postgres 17.6');
    expect(body).not.toContain('| Engine |');
    expectSound(body);
  });

  it('keeps hostile SQL, HTML, pipes and mentions inert', () => {
    const report = fixture('fail');
    const m = report.engines[0]!.migrations[1]!;
    const hostile = [
      "insert into notes (body) values ('```\n</details>\n\n# Pwned <img src=x onerror=alert(1)> @octocat')",
      "select '````` and ~~~ and ```sql' as x",
      '```',
      '</details></summary><script>alert(1)</script>',
    ];
    m.sql.up = hostile;
    m.sql.down = ['drop table "a|b" -- | pipes | everywhere'];
    m.name = 'weird_<b>name</b>|@octocat`';
    m.file = 'migrations/</details>|x.sql';
    m.checks[1]!.differences = [
      {
        change: 'changed',
        kind: 'column',
        object: 'column public."a|b"."c|d"',
        parent: { collection: 'tables', key: 'public."a|b"' },
        attribute: 'default',
        before: "'</details>' || '|'",
        after: '```\n@admin $x$ #1',
      },
    ];
    m.checks[2]!.error = {
      message: 'syntax error at "</details>"\n| a | b |\n@everyone',
      statement: hostile[0]!,
      code: '42601',
    };
    report.findings[0]!.message =
      '<details><summary>injected</summary> @team #12 [link](javascript:alert(1))';
    report.pullRequest!.runUrl = 'javascript:alert(1)';
    for (const body of [renderComment(report), renderSummary(report)]) {
      expectSound(body);
      // The SQL is shown, whole, inside the fences.
      const s = readStructure(body);
      expect(
        s.codeBlocks.some((c) => c.includes('</details>\n\n# Pwned <img src=x onerror=alert(1)> @octocat')),
      ).toBe(true);
      expect(s.codeBlocks.some((c) => c.split('\n').includes('```;'))).toBe(true);
      expect(body).not.toContain('](javascript:');
    }
  });
});

function failingMigration(i: number): MigrationReport {
  const id = `${String(20240000000000 + i)}_migration_number_${i}.js`;
  return {
    id,
    name: id,
    file: `migrations/${id}`,
    status: 'fail',
    changed: true,
    checks: [
      { check: 'up', status: 'pass' },
      {
        check: 'round-trip',
        status: 'fail',
        differences: Array.from({ length: 30 }, (_, k) => ({
          change: 'changed' as const,
          kind: 'column' as const,
          object: `column public.table_${i}.column_${k}`,
          parent: { collection: 'tables' as const, key: `public.table_${i}` },
          name: `column_${k}`,
          attribute: 'type',
          before: 'character varying(255)',
          after: 'text',
        })),
      },
      {
        check: 're-apply',
        status: 'fail',
        error: {
          message: `relation "table_${i}" already exists`,
          statement: `create table "table_${i}" (${'x int, '.repeat(300)}y int)`,
          code: '42P07',
        },
      },
    ],
    sql: {
      up: Array.from(
        { length: 20 },
        (_, k) =>
          `alter table "table_${i}" add column "column_${k}" varchar(255) ${'-- padding '.repeat(30)}`,
      ),
      down: [`drop table "table_${i}"`],
    },
  };
}

describe('size', () => {
  it('keeps a 300-migration report under 65,536 characters with every failure', () => {
    const report = fixture('fail');
    const migrations: MigrationReport[] = [];
    for (let i = 0; i < 300; i++) {
      if (i % 3 === 0) migrations.push(failingMigration(i));
      else
        migrations.push({
          ...failingMigration(i),
          status: 'pass',
          checks: [
            { check: 'up', status: 'pass' },
            { check: 'round-trip', status: 'pass' },
          ],
        });
    }
    report.engines[0]!.migrations = migrations;
    const body = renderComment(report);
    expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    for (const m of migrations.filter((x) => x.status === 'fail')) expect(body).toContain(m.name);
    expect(body).toContain('job summary');
    expect(body).toContain('out-of-order');
    expect(body.startsWith('<!-- schemagate:api:postgres -->')).toBe(true);
    expectSound(body);

    const summary = renderSummary(report);
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(1024 * 1024);
    for (const m of migrations.filter((x) => x.status === 'fail')) expect(summary).toContain(m.name);
    expectSound(summary);
  });

  it('stays under the limit with 2,000 failures, and says how many it could not name', () => {
    const report = fixture('fail');
    report.engines[0]!.migrations = Array.from({ length: 2000 }, (_, i) => failingMigration(i));
    const body = renderComment(report);
    expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    const named = report.engines[0]!.migrations.filter((m) => body.includes(m.name)).length;
    expect(named).toBeGreaterThan(500);
    // The findings list comes after the migrations, so its one failure is cut too.
    expect(body).toContain(`…and ${2000 - named + 1} more failures: see the job summary.`);
    expectSound(body);
  });
});

describe('a report that never went through validation', () => {
  // Defence in depth: the renderers escape every string, enums included, so a report built or
  // read some other way still cannot inject headings, HTML, mentions or links.
  it('renders hostile enum values (statuses, check names, collections) inert', () => {
    const hostile = '\n### pwned @octocat [click](https://evil.example) <details open><img src=x>';
    // biome-ignore lint/suspicious/noExplicitAny: the point is to break the types
    const report = fixture('drift') as unknown as Record<string, any>;
    for (const e of report.engines) {
      e.status = hostile;
      for (const m of e.migrations) {
        for (const c of m.checks) {
          c.status = hostile;
          c.check = hostile;
          for (const d of c.differences ?? []) d.parent.collection = hostile;
        }
      }
      if (e.drift) {
        e.drift.status = hostile;
        for (const d of e.drift.differences) d.parent.collection = hostile;
      }
    }
    for (const body of [renderComment(report as Report), renderSummary(report as Report)]) {
      expectSound(body);
      const s = readStructure(body);
      expect(s.prose.filter((l) => /#+ pwned/.test(l) && !l.includes('&#'))).toEqual([]);
      expect(body).not.toContain('](https://evil.example');
    }
  });
});
