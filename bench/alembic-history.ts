/**
 * Generates an Alembic project for the speed bench (issue #12): `count` revisions over `tables`
 * tables (create table, then add column, then add index, in turn), a models.py that matches the
 * head exactly, and an env.py in the form pytest-alembic documents: it uses the connection the
 * caller hands over in `config.attributes["connection"]` and otherwise builds its own engine from
 * `sqlalchemy.url` (the `alembic init` template). Both tools run the same project unchanged.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const ENV_PY = `from logging.config import fileConfig

from alembic import context
from sqlalchemy import engine_from_config, pool

from models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_offline():
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online():
    connectable = config.attributes.get("connection", None)
    if connectable is None:
        connectable = engine_from_config(config.get_section(config.config_ini_section), prefix="sqlalchemy.", poolclass=pool.NullPool)
    with connectable.connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
`;

const CONFTEST = `import os

import pytest
import sqlalchemy


@pytest.fixture
def alembic_engine():
    return sqlalchemy.create_engine(os.environ["BENCH_DATABASE_URL"])
`;

interface Table {
  name: string;
  columns: string[];
  indexes: string[];
}

export function generateAlembicHistory(dir: string, count = 60, tables = 20): string {
  const versions = path.join(dir, 'migrations', 'versions');
  mkdirSync(versions, { recursive: true });
  writeFileSync(
    path.join(dir, 'alembic.ini'),
    '[alembic]\nscript_location = migrations\nsqlalchemy.url = postgresql://postgres@127.0.0.1:5432/unused\n',
  );
  writeFileSync(path.join(dir, 'migrations', 'env.py'), ENV_PY);
  writeFileSync(path.join(dir, 'conftest.py'), CONFTEST);
  // pytest-alembic's plugin, enabled for this project only, with its tests bound to conftest.py.
  writeFileSync(
    path.join(dir, 'pytest.ini'),
    '[pytest]\naddopts = -p pytest_alembic.plugin --test-alembic -q\npytest_alembic_tests_path = conftest.py\n',
  );

  const state: Table[] = [];
  let previous: string | null = null;
  for (let i = 1; i <= count; i++) {
    const revision = `r${String(i).padStart(4, '0')}`;
    let up: string;
    let down: string;
    if (i <= tables) {
      const name = `t${String(i).padStart(3, '0')}`;
      state.push({ name, columns: [], indexes: [] });
      up = `    op.create_table("${name}", sa.Column("id", sa.Integer, primary_key=True), sa.Column("name", sa.String(100), nullable=False), sa.Column("rank", sa.Integer, nullable=False, server_default="0"))`;
      down = `    op.drop_table("${name}")`;
    } else {
      const table = state[(i - tables - 1) % tables]!;
      // Rounds over all the tables: add a column to each, then index the column the last round added.
      const round = Math.floor((i - tables - 1) / tables);
      if (round % 2 === 0 || table.columns.length === table.indexes.length) {
        const column = `extra_${i}`;
        table.columns.push(column);
        up = `    op.add_column("${table.name}", sa.Column("${column}", sa.String(50), nullable=True))`;
        down = `    op.drop_column("${table.name}", "${column}")`;
      } else {
        const column = table.columns.at(-1)!;
        const index = `ix_${table.name}_${column}`;
        table.indexes.push(column);
        up = `    op.create_index("${index}", "${table.name}", ["${column}"])`;
        down = `    op.drop_index("${index}", table_name="${table.name}")`;
      }
    }
    writeFileSync(
      path.join(versions, `${revision}_step.py`),
      `"""step ${i}"""
from alembic import op
import sqlalchemy as sa

revision = "${revision}"
down_revision = ${previous ? `"${previous}"` : 'None'}
branch_labels = None
depends_on = None


def upgrade():
${up}


def downgrade():
${down}
`,
    );
    previous = revision;
  }
  writeFileSync(path.join(dir, 'models.py'), modelsPy(state));
  return dir;
}

function modelsPy(state: Table[]): string {
  const classes = state.map((t) => {
    const lines = [
      `class ${t.name.toUpperCase()}(Base):`,
      `    __tablename__ = "${t.name}"`,
      '    id = sa.Column(sa.Integer, primary_key=True)',
      '    name = sa.Column(sa.String(100), nullable=False)',
      '    rank = sa.Column(sa.Integer, nullable=False, server_default="0")',
      ...t.columns.map((c) => `    ${c} = sa.Column(sa.String(50), nullable=True)`),
    ];
    const indexes = t.indexes.map((c) => `sa.Index("ix_${t.name}_${c}", "${c}")`);
    if (indexes.length > 0) lines.push(`    __table_args__ = (${indexes.join(', ')},)`);
    return lines.join('\n');
  });
  return `import sqlalchemy as sa
from sqlalchemy.orm import declarative_base

Base = declarative_base()


${classes.join('\n\n\n')}
`;
}
