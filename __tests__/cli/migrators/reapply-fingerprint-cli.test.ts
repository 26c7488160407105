/**
 * The re-apply's fingerprint (step-check.ts): a second up that sends the server the same statements
 * on the same schema is not snapshotted. Alembic and Django show rendered SQL, so the fingerprint
 * compares what they captured as it ran (StepResult.executed); a revision whose second up sends
 * something else (here an index with a new random name each time) must still be snapshotted and
 * its re-apply fail, while the same revision with a fixed name passes. Through the real CLI on the
 * local Postgres.
 */
import { cp, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { check, checkLines, fixture, PYTHON, postgres, removeTempProjects, tempProject } from './harness.js';

afterAll(removeTempProjects);

async function copy(...parts: string[]): Promise<string> {
  const dir = tempProject('fingerprint');
  await cp(fixture(...parts), dir, { recursive: true });
  return dir;
}

const ALEMBIC_REVISION = (name: string) => `"""an index on users.name"""
import uuid
import sqlalchemy as sa
from alembic import op

revision = "5e6f7a8b9c0d"
down_revision = "4d5e6f7a8b9c"


def upgrade():
    op.create_index(${name}, "users", ["name"])


def downgrade():
    for index in sa.inspect(op.get_bind()).get_indexes("users"):
        if index["name"].startswith("ix_users_name"):
            op.drop_index(index["name"], table_name="users")
`;

const DJANGO_MIGRATION = (name: string) => `import uuid

from django.db import migrations


def create(apps, schema_editor):
    schema_editor.execute("CREATE INDEX %s ON accounts_profile (display_name)" % (${name},))


def drop(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname LIKE 'ix_profile_name%'")
        for (name,) in cursor.fetchall():
            schema_editor.execute("DROP INDEX %s" % name)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
`;

describe('the re-apply fingerprint of the Python tools', () => {
  it.each([
    ['the same name each time', '"ix_users_name"', 'pass'],
    ['a new random name each time', '"ix_users_name_" + uuid.uuid4().hex[:8]', 'fail'],
  ])('Alembic: an up that creates an index with %s (%s): re-apply %s', async (_what, name, reapply) => {
    const dir = await copy('alembic', 'clean');
    await writeFile(
      path.join(dir, 'migrations', 'versions', '5e6f7a8b9c0d_index.py'),
      ALEMBIC_REVISION(name),
    );
    const r = await check(dir, ['--python', PYTHON, '--drift', 'off', ...postgres.args]);
    expect(checkLines(r.engine!).at(-1)).toBe(`5e6f7a8b9c0d: up pass, round-trip pass, re-apply ${reapply}`);
    expect(r.code, r.stderr).toBe(reapply === 'pass' ? 0 : 1);
  });

  it.each([
    ['the same name each time', '"ix_profile_name"', 'pass'],
    ['a new random name each time', '"ix_profile_name_" + uuid.uuid4().hex[:8]', 'fail'],
  ])('Django: a RunPython that creates an index with %s (%s): re-apply %s', async (_what, name, reapply) => {
    const dir = await copy('django', 'shop');
    await writeFile(path.join(dir, 'accounts', 'migrations', '0002_name_index.py'), DJANGO_MIGRATION(name));
    const r = await check(dir, ['--python', PYTHON, '--drift', 'off', ...postgres.args]);
    const line = checkLines(r.engine!).find((l) => l.startsWith('accounts.0002_name_index'));
    expect(line).toBe(`accounts.0002_name_index: up pass, round-trip pass, re-apply ${reapply}`);
  });
});
