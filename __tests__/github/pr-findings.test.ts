import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listFilesFromGit, parseNameStatus, toProjectPaths } from '../../src/github/pr-files.js';
import { changedMigrationFiles, prFindings } from '../../src/github/pr-findings.js';

const tree = (...names: string[]) => names.map((n) => ({ id: n, file: `migrations/${n}` }));

describe('prFindings', () => {
  it('finds nothing for a new migration that sorts last', () => {
    const migrations = tree('001_users.sql', '002_orders.sql', '003_totals.sql');
    expect(
      prFindings({ migrations, changes: [{ path: 'migrations/003_totals.sql', status: 'added' }] }),
    ).toEqual([]);
  });

  it('flags a migration that exists on the base branch and is edited', () => {
    const migrations = tree('001_users.sql', '002_orders.sql');
    const findings = prFindings({
      migrations,
      changes: [{ path: 'migrations/001_users.sql', status: 'modified' }],
    });
    expect(findings).toMatchObject([
      {
        kind: 'edited-migration',
        severity: 'error',
        file: 'migrations/001_users.sql',
        migration: '001_users.sql',
      },
    ]);
  });

  it('flags a new migration that sorts before one already on the base branch', () => {
    // 002 was merged to the base branch after this branch was cut; the merge commit has both.
    const migrations = tree('001_users.sql', '0015_status.sql', '002_orders.sql');
    const findings = prFindings({
      migrations,
      changes: [{ path: 'migrations/0015_status.sql', status: 'added' }],
    });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ kind: 'out-of-order', file: 'migrations/0015_status.sql' });
    expect(findings[0]!.message).toContain('migrations/002_orders.sql');
  });

  it('uses the tool order, not the file names', () => {
    // An Alembic-like order where the new revision is applied last although its name sorts first.
    const migrations = [
      { id: 'b1', file: 'versions/b1_users.py' },
      { id: 'c2', file: 'versions/c2_orders.py' },
      { id: 'a9', file: 'versions/a9_status.py' },
    ];
    expect(prFindings({ migrations, changes: [{ path: 'versions/a9_status.py', status: 'added' }] })).toEqual(
      [],
    );
  });

  it('flags renames and deletions, and ignores files that are not migrations', () => {
    const migrations = tree('001_users.sql', '002_orders_v2.sql');
    const findings = prFindings({
      migrations,
      changes: [
        {
          path: 'migrations/002_orders_v2.sql',
          status: 'renamed',
          previousPath: 'migrations/002_orders.sql',
        },
        { path: 'migrations/003_gone.sql', status: 'removed' },
        { path: 'src/app.ts', status: 'modified' },
        { path: 'README.md', status: 'removed' },
      ],
    });
    expect(findings.map((f) => f.kind)).toEqual(['renamed-migration', 'removed-migration']);
    expect(findings[1]!.severity).toBe('warning');
  });

  it('lists the changed migration files', () => {
    const migrations = tree('001_users.sql', '002_orders.sql');
    const changes = [
      { path: 'migrations/002_orders.sql', status: 'added' as const },
      { path: 'src/app.ts', status: 'modified' as const },
    ];
    expect([...changedMigrationFiles(migrations, changes)]).toEqual(['migrations/002_orders.sql']);
  });
});

describe('changed files', () => {
  it('parses git name-status output, renames included', () => {
    expect(parseNameStatus('M\0a b.sql\0R087\0old.sql\0new.sql\0A\0x\0D\0y\0')).toEqual([
      { path: 'a b.sql', status: 'modified' },
      { path: 'new.sql', status: 'renamed', previousPath: 'old.sql' },
      { path: 'x', status: 'added' },
      { path: 'y', status: 'removed' },
    ]);
  });

  it('maps repository paths to the working directory and drops the rest', () => {
    const changes = [
      { path: 'api/migrations/1.sql', status: 'added' as const },
      { path: 'web/index.ts', status: 'modified' as const },
    ];
    expect(toProjectPaths(changes, 'api')).toEqual([
      { path: 'migrations/1.sql', status: 'added', previousPath: null },
    ]);
    expect(toProjectPaths(changes, '')).toHaveLength(2);
  });

  it("lists a branch's changes with git (base...head)", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sg-git-'));
    try {
      const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim();
      git('init', '-q', '-b', 'main');
      git('config', 'user.email', 't@example.com');
      git('config', 'user.name', 't');
      mkdirSync(path.join(dir, 'migrations'));
      writeFileSync(path.join(dir, 'migrations/001.sql'), 'create table a (id int);\n');
      writeFileSync(path.join(dir, 'migrations/002.sql'), 'create table b (id int);\n');
      git('add', '.');
      git('commit', '-q', '-m', 'base');
      const base = git('rev-parse', 'HEAD');
      git('checkout', '-q', '-b', 'feature');
      writeFileSync(path.join(dir, 'migrations/001.sql'), 'create table a (id bigint);\n');
      writeFileSync(path.join(dir, 'migrations/003.sql'), 'create table c (id int);\n');
      git('add', '.');
      git('commit', '-q', '-m', 'feature');
      const head = git('rev-parse', 'HEAD');
      expect(await listFilesFromGit(dir, base, head)).toEqual([
        { path: 'migrations/001.sql', status: 'modified' },
        { path: 'migrations/003.sql', status: 'added' },
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
