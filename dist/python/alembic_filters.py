"""
The part of the Alembic driver that asks env.py's own autogenerate filters (include_name,
include_object, and include_schemas for schemas) which tables and columns drift must leave out,
as `alembic check` leaves them out. Imported by alembic_driver.py (as schemagate.alembic_filters),
whose cmd_exclusions reads env.py and hands its configure() options here.

The calls mimic Alembic's (alembic/autogenerate/compare.py, AutogenContext.run_name_filters):
  include_name(name, "schema", {})                                   when include_schemas is set
  include_name(name, "table", {"schema_name", "schema_qualified_table_name"})
  include_name(name, "column", {"table_name", "schema_name", "schema_qualified_table_name"})
  include_object(obj, name, "table" | "column", reflected, None)
with None for the default schema. The object is the models' Table or Column when the models have
it (reflected=False), else one made up with that name in a fresh MetaData (reflected=True). A
filter that raises counts as "included", and the first error of each filter is reported.
"""
import sqlalchemy

from schemagate.prelude import describe, project_location

# The filters autogenerate (and so "alembic check") applies; schemagate's drift honours them too.
FILTERS = ("include_name", "include_object")


def declared_filters(opts):
    return [name for name in FILTERS if callable(opts.get(name))]


def default_schema(schema, backend):
    """Alembic's name for a schema: None for the default one (and always on MySQL)."""
    if backend != "postgresql" or schema in (None, "", "public"):
        return None
    return schema


def with_qualified(parents, table_name):
    schema = parents.get("schema_name")
    parents["schema_qualified_table_name"] = "%s.%s" % (schema, table_name) if schema else table_name
    return parents


class Filters:
    def __init__(self, opts, metadatas, backend, env_py, root):
        self.env_py = env_py
        self.root = root
        self.include_name = opts.get("include_name") if callable(opts.get("include_name")) else None
        self.include_object = opts.get("include_object") if callable(opts.get("include_object")) else None
        self.include_schemas = bool(opts.get("include_schemas"))
        self.models = {}
        for m in metadatas or []:
            for t in m.tables.values():
                self.models[(default_schema(t.schema, backend), t.name)] = t
        self.made_up = {}
        self.errors = {}

    def ask(self, which, *args):
        fn = getattr(self, which)
        if fn is None:
            return True
        try:
            return bool(fn(*args))
        except Exception as exc:
            first = self.errors.setdefault(which, [exc, 0])
            first[1] += 1
            return True

    def warnings(self):
        out = []
        for which, (exc, count) in self.errors.items():
            out.append("%s: %s raised %s%s, in %d call(s): drift compared those objects as if it had returned True" % (
                self.env_py, which, describe(exc), project_location(exc, self.root), count))
        return out

    def table(self, schema, name):
        key = (schema, name)
        if key in self.models:
            return self.models[key], False
        if key not in self.made_up:
            self.made_up[key] = sqlalchemy.Table(name, sqlalchemy.MetaData(), schema=schema)
        return self.made_up[key], True

    def made_up_table(self, table):
        """A copy of the table's name in a fresh MetaData, for columns the models lack: the models'
        Table is never changed."""
        key = ("made-up columns of", table.schema, table.name)
        if key not in self.made_up:
            self.made_up[key] = sqlalchemy.Table(table.name, sqlalchemy.MetaData(), schema=table.schema)
        return self.made_up[key]

    def excluded_table(self, schema, name):
        """The filter that leaves the table out, or None."""
        if self.include_schemas and not self.ask("include_name", schema, "schema", {}):
            return "include_name"
        if not self.ask("include_name", name, "table", with_qualified({"schema_name": schema}, name)):
            return "include_name"
        table, reflected = self.table(schema, name)
        if not self.ask("include_object", table, name, "table", reflected, None):
            return "include_object"
        return None

    def excluded_column(self, schema, table_name, name):
        if not self.ask("include_name", name, "column", with_qualified({"table_name": table_name, "schema_name": schema}, table_name)):
            return "include_name"
        table, _ = self.table(schema, table_name)
        reflected = (schema, table_name) not in self.models or name not in table.c
        column = table.c[name] if name in table.c else self.made_up_column(table, name)
        if not self.ask("include_object", column, name, "column", reflected, None):
            return "include_object"
        return None

    def made_up_column(self, table, name):
        owner = self.made_up_table(table)
        if name not in owner.c:
            owner.append_column(sqlalchemy.Column(name, sqlalchemy.types.NullType()))
        return owner.c[name]


def exclusions(opts, metadatas, tables, backend, env_py, root):
    """Which of the given tables and columns env.py's filters (in its configure() options opts)
    leave out of autogenerate. backend: the SQLAlchemy dialect; env_py: env.py as messages name it;
    root: the project root, for the line of a filter that raised."""
    filters = Filters(opts, metadatas, backend, env_py, root)
    out = {"filters": declared_filters(opts), "envPy": filters.env_py, "tables": [], "columns": []}
    if out["filters"]:
        for t in tables:
            schema = default_schema(t["schema"], backend)
            by = filters.excluded_table(schema, t["name"])
            if by:
                out["tables"].append({"schema": t["schema"], "name": t["name"], "by": by})
                continue
            for c in t["columns"]:
                by = filters.excluded_column(schema, t["name"], c)
                if by:
                    out["columns"].append({"schema": t["schema"], "table": t["name"], "name": c, "by": by})
    out["warnings"] = filters.warnings()
    return out
