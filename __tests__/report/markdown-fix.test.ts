/**
 * A down's fix as the reader sees it: the comment's collapsed "How to fix" block (golden, and its
 * structure with hostile SQL), the console lines, the annotation, the knex and Alembic code forms,
 * and the report validation that `schemagate comment --report` runs on an untrusted file.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { annotations } from '../../src/report/annotations.js';
import { renderConsole } from '../../src/report/console.js';
import { renderComment } from '../../src/report/markdown.js';
import type { CheckResult, DownFix, Report } from '../../src/report/model.js';
import { validateReport } from '../../src/report/validate.js';
import { alembicDownCode } from '../../src/schema/ddl/alembic-code.js';
import { knexDownCode } from '../../src/schema/ddl/knex-code.js';
import { readStructure } from '../helpers/markdown-structure.js';

const here = path.dirname(new URL(import.meta.url).pathname);

function failReport(): Report {
  return JSON.parse(readFileSync(path.join(here, '__fixtures__', 'fail.json'), 'utf8')) as Report;
}

function roundTrip(report: Report): CheckResult {
  return report.engines[0]!.migrations[1]!.checks.find((c) => c.check === 'round-trip')!;
}

const PROVEN: DownFix = {
  placement: 'append',
  sql: ['DROP INDEX public.users_status_idx', 'ALTER TABLE public.users DROP COLUMN status'],
  proven: true,
  code: {
    knex: knexDownCode(['DROP INDEX public.users_status_idx', 'ALTER TABLE public.users DROP COLUMN status']),
  },
};

function withFix(fix: DownFix): Report {
  const report = failReport();
  roundTrip(report).fix = fix;
  return report;
}

function howToFix(markdown: string): string {
  const found = /<details><summary>(✅|⚠️) How to fix[\s\S]*?\n<\/details>/.exec(markdown);
  expect(found, 'a How to fix block').not.toBeNull();
  return found![0];
}

describe('the comment\'s "How to fix" block', () => {
  it('renders a proven fix with its knex code, byte for byte', () => {
    const body = renderComment(withFix(PROVEN));
    const block = howToFix(body);
    const file = path.join(here, '__golden__', 'fix.md');
    // UPDATE_GOLDEN=1 rewrites it; review the diff: it is exactly what users will see.
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, `${block}\n`);
    expect(`${block}\n`).toBe(readFileSync(file, 'utf8'));
    const s = readStructure(body);
    expect([s.unclosedFences, s.openDetails, s.strayCloses]).toEqual([0, 0, 0]);
  });

  it('says why a fix is not proven, and gives the server-named dependents for a failed down', () => {
    const block = howToFix(
      renderComment(
        withFix({
          placement: 'replace',
          sql: ['ALTER TABLE public.users DROP CONSTRAINT users_team_fk', 'DROP TABLE public.teams'],
          proven: false,
          reason: 'the server refused `DROP TABLE public.teams`: permission denied',
          advice:
            'drop (or alter) what depends on it before `DROP TABLE teams`: constraint users_team_fk on table users.',
        }),
      ),
    );
    expect(block).toContain('⚠️ How to fix the failing down · 2 statements · not proven');
    expect(block).toContain('A down that works, in an order that works (in place of the current one):');
    expect(block).toContain("The server's error says: drop (or alter) what depends on it");
    expect(block).toContain('⚠️ Not proven: the server refused');
    expect(block).not.toContain('knex code');
  });

  it('keeps hostile SQL in a fix inside its fences', () => {
    const hostile = [
      'DROP TABLE "x```</details><img src=x onerror=alert(1)>"',
      "COMMENT ON TABLE t IS '@admin'",
    ];
    const body = renderComment(
      withFix({
        placement: 'append',
        sql: hostile,
        proven: false,
        reason: '</details> @admin <b>x</b>',
        code: { knex: knexDownCode(hostile) },
      }),
    );
    const s = readStructure(body);
    expect(s.unclosedFences).toBe(0);
    expect(s.openDetails).toBe(0);
    expect(s.strayCloses).toBe(0);
    expect(s.foreignTags).toEqual([]);
    expect(s.mentions).toEqual([]);
  });
});

describe('the fix outside the comment', () => {
  it('lists the statements and the verdict in the console', () => {
    const text = renderConsole(withFix(PROVEN), 'normal');
    expect(text).toContain('fix (proven on a throwaway database):');
    expect(text).toContain('run at the end of the down:');
    expect(text).toContain('DROP INDEX public.users_status_idx;');
  });

  it('points the annotation at the comment', () => {
    const [first] = annotations(withFix(PROVEN), '.');
    expect(first!.message).toContain(
      'How to fix: 2 statement(s) in the comment (proven on a throwaway database)',
    );
  });
});

/** `${y}` spelled without a placeholder-looking string literal. */
const PLACEHOLDER = ['$', '{y}'].join('');

describe('code forms', () => {
  it('knex: one awaited knex.schema.raw per statement, backticks and placeholders kept verbatim', () => {
    expect(knexDownCode(['DROP INDEX public.a', `COMMENT ON TABLE t IS '\`x\` ${PLACEHOLDER} \\n'`])).toBe(
      `  await knex.schema.raw(\`DROP INDEX public.a\`);\n  await knex.schema.raw(\`COMMENT ON TABLE t IS '\\\`x\\\` \\${PLACEHOLDER} \\\\n'\`);`,
    );
  });

  it('Alembic: op.execute per statement, bind-like colons escaped, casts left alone', () => {
    expect(alembicDownCode(["ALTER TABLE t ALTER COLUMN c SET DEFAULT ':x'::text", 'DROP TABLE "q"'])).toBe(
      '    op.execute("ALTER TABLE t ALTER COLUMN c SET DEFAULT \'\\\\:x\'::text")\n    op.execute("DROP TABLE \\"q\\"")',
    );
  });
});

describe('an untrusted report with a fix', () => {
  it('accepts a well-formed fix and rejects a malformed one, naming the field', () => {
    expect(() => validateReport(withFix(PROVEN))).not.toThrow();
    const bad = withFix({ ...PROVEN, proven: 'yes' as unknown as boolean });
    expect(() => validateReport(bad)).toThrow(/checks\[1\]\.fix\.proven/);
    const badCode = withFix({ ...PROVEN, code: { knex: 42 as unknown as string } });
    expect(() => validateReport(badCode)).toThrow(/fix\.code\.knex/);
    const badPlacement = withFix({ ...PROVEN, placement: 'prepend' as DownFix['placement'] });
    expect(() => validateReport(badPlacement)).toThrow(/fix\.placement/);
  });
});

describe('"How to fix" in a comment across engines (a multi-engine run, a merged matrix)', () => {
  function twoEngines(second: DownFix): Report {
    const report = withFix(PROVEN);
    const other = structuredClone(report.engines[0]!);
    other.engine = 'mariadb';
    other.version = '10.11.19-MariaDB';
    other.migrations[1]!.checks.find((c) => c.check === 'round-trip')!.fix = second;
    report.engines.push(other);
    return report;
  }
  const blocks = (markdown: string) => markdown.match(/<summary>(✅|⚠️) How to fix/g) ?? [];

  it('shows a fix that is the same on every engine once', () => {
    const body = renderComment(twoEngines(structuredClone(PROVEN)));
    expect(blocks(body)).toHaveLength(1);
    expect(body).toContain('ALTER TABLE public.users DROP COLUMN status');
  });

  it("shows each engine's own fix under its name when they differ", () => {
    const mariadb: DownFix = {
      placement: 'append',
      sql: ['ALTER TABLE users DROP COLUMN status'],
      proven: true,
    };
    const body = renderComment(twoEngines(mariadb));
    expect(blocks(body)).toHaveLength(2);
    expect(body).toMatch(/\*On mariadb [^*]*:\*\n\n<details><summary>✅ How to fix the down/);
    expect(body).toContain('ALTER TABLE users DROP COLUMN status');
    expect(readStructure(body).unclosedFences).toBe(0);
  });
});
