"""
The Django driver. It runs the project's own manage.py (so whatever manage.py does first, loading
a .env file, choosing the settings module, adjusting sys.path, still happens) with
execute_from_command_line replaced by this driver. The driver then builds a small settings module
that imports the project's settings and points DATABASES['default'] at the throwaway database,
sets Django up, and serves requests (prelude.py) until stdin closes. Run by bootstrap.py.

Steps use Django's MigrationExecutor with a one-migration plan, which is what `migrate APP NAME`
and `migrate APP PREV` run for a linear history, minus the pre/post_migrate signals (they write
rows, not schema). The SQL shown is sqlmigrate's (MigrationLoader.collect_sql, forwards or
backwards), with the statements a RunPython actually executed in place of sqlmigrate's "cannot be
written as SQL" placeholder.

config (sys.argv[1]): {manage, projectRoot, dbUrl, backend}; dbUrl is null for list and findings.
backend is the Django ENGINE for the engine the database runs (null when there is none), as
django-project.ts computes it.
"""
import json, os, sys

from schemagate.prelude import Capture, Failure, capturing, describe, innermost_frame_in, load_failure, require, send, serve, server_error

require("django", "Django")

import importlib, io, runpy, types
from urllib.parse import urlsplit, unquote
import django

CONFIG = json.loads(sys.argv[1])
ROOT = os.path.realpath(CONFIG["projectRoot"])
SETTINGS_NAME = "schemagate_django_settings"
# The project's own DATABASES['default'], as its settings give it (throwaway_database keeps its
# backend when it is of the engine's family).
PROJECT_DEFAULT = {}
PLACEHOLDER = "CANNOT BE WRITTEN AS SQL"


def family(engine_path):
    engine_path = engine_path or ""
    if "postg" in engine_path:
        return "postgres"
    if "mysql" in engine_path:
        return "mysql"
    return None


def throwaway_database(project_default):
    if not CONFIG.get("dbUrl"):
        return {"ENGINE": "django.db.backends.dummy"}
    parts = urlsplit(CONFIG["dbUrl"])
    ours = CONFIG["backend"]
    same = family(project_default.get("ENGINE")) == family(ours)
    options = {k: v for k, v in (project_default.get("OPTIONS") or {}).items() if same and not k.lower().startswith("ssl")}
    return {
        # The project's own backend when it is of the same family (PostGIS, a custom wrapper), else Django's.
        "ENGINE": project_default["ENGINE"] if same else ours,
        "NAME": unquote(parts.path.lstrip("/")),
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": str(parts.port or ""),
        "OPTIONS": options,
        "TEST": {},
    }


def settings_module(project_settings):
    try:
        base = importlib.import_module(project_settings)
    except Exception as exc:
        raise load_failure("settings %s" % project_settings, exc, ROOT)
    module = types.ModuleType(SETTINGS_NAME)
    for key in dir(base):
        if key.isupper():
            setattr(module, key, getattr(base, key))
    databases = dict(getattr(base, "DATABASES", {}) or {})
    # Every other alias becomes a dummy, so that nothing schemagate runs can reach a real database.
    databases = {alias: {"ENGINE": "django.db.backends.dummy"} for alias in databases if alias != "default"}
    PROJECT_DEFAULT.update((getattr(base, "DATABASES", {}) or {}).get("default") or {})
    databases["default"] = throwaway_database(dict(PROJECT_DEFAULT))
    module.DATABASES = databases
    return module


def cmd_bind(dbUrl, backend):
    """Binds a driver started without a database (the listing's, kept as a spare: spare-driver.ts)
    to one. Django is set up with the dummy backend then; the default connection is rebuilt from
    the new settings on next use, as if the process had started with them. Django 3.2's connection
    handler and later; on another, this raises and schemagate starts a fresh driver instead."""
    from django.conf import settings
    from django.db import connections
    CONFIG["dbUrl"] = dbUrl
    CONFIG["backend"] = backend
    os.environ["DATABASE_URL"] = dbUrl
    connections.close_all()
    settings.DATABASES["default"] = throwaway_database(dict(PROJECT_DEFAULT))
    connections._settings = None
    connections.__dict__.pop("settings", None)
    connections._connections = type(connections._connections)(connections.thread_critical)


def is_project_path(path):
    path = os.path.realpath(path)
    inside = path == ROOT or path.startswith(ROOT + os.sep)
    return inside and "site-packages" not in path and "dist-packages" not in path


def module_file(module_name):
    module = sys.modules.get(module_name) or importlib.import_module(module_name)
    return os.path.realpath(module.__file__)


def shown_file(path):
    if is_project_path(path):
        return os.path.relpath(path, ROOT).replace(os.sep, "/")
    # Outside the project (django.contrib, a package): the path under its sys.path entry.
    best = None
    for entry in sys.path:
        entry = os.path.realpath(entry or ".")
        if path.startswith(entry + os.sep) and (best is None or len(entry) > len(best)):
            best = entry
    return os.path.relpath(path, best).replace(os.sep, "/") if best else path


def reversible(operations):
    from django.db.migrations.operations.special import SeparateDatabaseAndState
    for op in operations:
        if not getattr(op, "reversible", True):
            return False
        if isinstance(op, SeparateDatabaseAndState) and not reversible(op.database_operations):
            return False
    return True


def cmd_list():
    from django.db.migrations.loader import MigrationLoader
    loader = MigrationLoader(None, ignore_no_migrations=True)
    graph = loader.graph
    seen = set()
    plan = []
    for leaf in sorted(graph.leaf_nodes()):
        for node in graph.forwards_plan(leaf):
            if node not in seen:
                seen.add(node)
                plan.append(node)
    migrations = []
    for app, name in plan:
        migration = graph.nodes[(app, name)]
        path = module_file(migration.__module__)
        migrations.append({
            "app": app,
            "name": name,
            "file": shown_file(path),
            "project": is_project_path(path),
            "reversible": reversible(migration.operations),
        })
    conflicts = {app: sorted(names) for app, names in loader.detect_conflicts().items()}
    return {"migrations": migrations, "conflicts": conflicts, "pending": pending_model_changes(conflicts)}


def pending_model_changes(conflicts):
    """makemigrations --check --dry-run: the model changes that have no migration, as its own lines."""
    if conflicts:
        return None
    from django.core.management import call_command
    out = io.StringIO()
    try:
        call_command("makemigrations", check=True, dry_run=True, interactive=False, verbosity=1, stdout=out, stderr=out)
    except SystemExit as exc:
        if exc.code:
            return [line.rstrip() for line in out.getvalue().splitlines() if line.strip()]
    except Exception as exc:
        return ["makemigrations --check failed: " + describe(exc)]
    return None


class Session:
    def __init__(self):
        from django.db import connection
        from django.db.migrations.operations.special import RunPython
        self.connection = connection
        self.python_sql = None
        self.executed = []
        self.in_python = False
        self.last = None
        self.executor = None
        self.state = None
        self.stack = []
        try:
            connection.ensure_connection()
        except Exception as exc:
            raise Failure("config", "could not connect to the throwaway database: " + describe(exc))
        session = self
        for name in ("database_forwards", "database_backwards"):
            original = getattr(RunPython, name)

            def patched(self_op, *args, _original=original, **kwargs):
                session.in_python = True
                if session.python_sql is not None:
                    session.python_sql.append([])
                try:
                    return _original(self_op, *args, **kwargs)
                finally:
                    session.in_python = False

            setattr(RunPython, name, patched)

    def capture(self, execute, sql, params, many, context):
        self.last = sql
        result = execute(sql, params, many, context)
        shown = sql
        if not many:
            try:
                shown = self.connection.ops.last_executed_query(context["cursor"].cursor, sql, params) or sql
            except Exception:
                pass
        shown = shown if isinstance(shown, str) else shown.decode("utf-8", "replace")
        # Everything the step sent but django_migrations' bookkeeping (its rows carry the time),
        # for the re-apply's fingerprint (step-check.ts).
        if "django_migrations" not in sql:
            self.executed.append(shown if not many else "%s -- %r" % (shown, params))
        if self.in_python and self.python_sql:
            self.python_sql[-1].append(shown)
        return result

    def step(self, app, name, backwards, sql=True):
        from django.db.migrations.executor import MigrationExecutor
        if self.executor is None:
            self.executor = MigrationExecutor(self.connection)
            remember_table(self.executor.recorder)
        executor = self.executor
        key = (app, name)
        if key not in executor.loader.graph.nodes:
            raise Failure("config", "migration %s.%s is not in the migration graph" % key)
        migration = executor.loader.graph.nodes[key]
        before = self.state_before(key, backwards)
        try:
            statements = self.collect_sql(executor, migration, backwards, before) if sql else None
        except Exception:
            statements = None
        self.python_sql = []
        self.executed = []
        self.last = None
        printed = Capture()
        try:
            with self.connection.execute_wrapper(self.capture), capturing(printed):
                self.run(executor, migration, key, backwards, before)
        except Exception as exc:
            # The database is somewhere between the two states: the next step reads it afresh.
            self.forget()
            failure = self.failure(exc, migration)
            failure.extra.update(printed.result())
            raise failure
        python_sql, self.python_sql = self.python_sql, None
        result = {"statements": self.merge(statements, migration, backwards, python_sql) if sql else None, "executed": self.executed}
        result.update(printed.result())
        return result

    # The project state (Django's in-memory model of the schema) is carried from step to step, as
    # `migrate` carries it through its plan: building it from the whole graph at every step, as a
    # fresh MigrationExecutor per step would, costs time in proportion to the history's length.
    # `stack` holds, for each migration applied in this session, the state before it; `state` is
    # the state after the last one. A step out of that order, or after a failure, reads the
    # applied migrations from the database as a fresh executor would.

    def forget(self):
        self.executor = None
        self.state = None
        self.stack = []

    def state_before(self, key, backwards):
        """The project state before `key` when this session knows it (None otherwise): the current
        one for an up, the one saved by the up for a down."""
        if self.state is None:
            self.state = self.executor._create_project_state(with_applied_migrations=True)
            self.stack = []
        if not backwards:
            return self.state
        if self.stack and self.stack[-1][0] == key:
            return self.stack[-1][1]
        return None

    def collect_sql(self, executor, migration, backwards, before):
        """sqlmigrate's statements (MigrationLoader.collect_sql), rendered from `before`."""
        if before is None:
            return executor.loader.collect_sql([(migration, backwards)])
        # apply() moves the state it is given on; unapply() works on clones of it (Migration.unapply
        # clones before each operation's state_forwards), so only apply() needs one.
        state = before if backwards else before.clone()
        with self.connection.schema_editor(collect_sql=True, atomic=migration.atomic) as editor:
            if backwards:
                migration.unapply(state, editor, collect_sql=True)
            else:
                migration.apply(state, editor, collect_sql=True)
        return editor.collected_sql

    def run(self, executor, migration, key, backwards, before):
        if before is None:
            # Out of this session's order: Django's own planner, then the state is read afresh.
            executor.migrate(None, plan=[(migration, backwards)])
            self.forget()
            return
        if "apps" not in before.__dict__:
            before.apps  # rendered once, then kept up to date step by step (as migrate does)
        if backwards:
            executor.unapply_migration(before, migration)  # leaves `before` as it was (collect_sql)
            self.stack.pop()
            self.state = before
        else:
            saved = before.clone()
            self.state = executor.apply_migration(before, migration)
            self.stack.append((key, saved))

    def merge(self, sql, migration, backwards, python_sql):
        """collect_sql's statements, each RunPython placeholder replaced by what that RunPython ran."""
        from django.db.migrations.operations.special import RunPython
        if sql is None:
            return [s for chunk in python_sql for s in chunk]
        ops = [op for op in migration.operations if not op.reduces_to_sql]
        if backwards:
            ops.reverse()
        queue = list(python_sql)
        out = []
        k = 0
        for item in sql:
            if PLACEHOLDER in item:
                op = ops[k] if k < len(ops) else None
                k += 1
                if isinstance(op, RunPython) and queue:
                    out.extend(queue.pop(0))
                continue
            out.append(item)
        return out

    def failure(self, exc, migration):
        from django.db.migrations.exceptions import IrreversibleError
        if isinstance(exc, IrreversibleError):
            return Failure("migration", describe(exc), statement=None, code=None)
        cause = exc.__cause__ or exc
        message, code, detail, hint = server_error(cause)
        if code is None:
            path = module_file(migration.__module__)
            where = innermost_frame_in(exc, {path})
            message = describe(exc) + (" (%s:%d)" % (shown_file(where[0]), where[1]) if where else "")
            return Failure("migration", message, statement=None, code=None)
        return Failure("migration", message, statement=self.last, code=code, detail=detail, hint=hint)


def remember_table(recorder):
    """Once django_migrations exists, the recorder stops asking the server for its table list
    before every record, as Django 4.1 and later do (MigrationRecorder.has_table); before that
    it asks at each step, which costs a catalog query per step."""
    ask = recorder.has_table
    known = []

    def has_table():
        if not known and ask():
            known.append(True)
        return bool(known)

    recorder.has_table = has_table


SESSION = None


def cmd_open():
    global SESSION
    SESSION = Session()
    from django.db import connection
    return {"vendor": connection.vendor}


def cmd_up(app, name, sql=True):
    return SESSION.step(app, name, False, sql)


def cmd_down(app, name, sql=True):
    return SESSION.step(app, name, True, sql)


def cmd_models():
    """
    The models' schema through Django's syncdb path: the project's apps have their migrations
    disabled and their tables created from the models (schema_editor.create_model, as migrate
    --run-syncdb does); other apps (django.contrib, packages) are migrated. migrate --run-syncdb itself
    creates the unmigrated tables before it migrates the others, so a foreign key to auth.User would
    fail; here the foreign keys (and the rest of the deferred SQL) are added last.
    """
    from django.apps import apps
    from django.conf import settings
    from django.db import connection, router
    from django.db.migrations.executor import MigrationExecutor
    project_apps = [ac for ac in apps.get_app_configs() if ac.models_module is not None and is_project_path(ac.path)]
    modules = dict(getattr(settings, "MIGRATION_MODULES", {}) or {})
    for ac in project_apps:
        modules[ac.label] = None
    settings.MIGRATION_MODULES = modules
    try:
        with connection.schema_editor() as editor:
            for ac in project_apps:
                for model in router.get_migratable_models(ac, connection.alias, include_auto_created=False):
                    if model._meta.can_migrate(connection):
                        editor.create_model(model)
            deferred = list(editor.deferred_sql)
            editor.deferred_sql.clear()
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
        with connection.schema_editor() as editor:
            for statement in deferred:
                editor.execute(statement)
    except Exception as exc:
        raise Failure("config", "building the Django models failed: " + describe(getattr(exc, "__cause__", None) or exc))
    return {"apps": [ac.label for ac in project_apps]}


def main(argv=None):
    project_settings = os.environ.get("DJANGO_SETTINGS_MODULE")
    if not project_settings:
        raise Failure("config", "manage.py does not set DJANGO_SETTINGS_MODULE: set it there, as django-admin startproject does")
    sys.modules[SETTINGS_NAME] = settings_module(project_settings)
    os.environ["DJANGO_SETTINGS_MODULE"] = SETTINGS_NAME
    try:
        django.setup()
    except Exception as exc:
        raise load_failure("settings %s" % project_settings, exc, ROOT)
    serve({"list": cmd_list, "bind": cmd_bind, "open": cmd_open, "up": cmd_up, "down": cmd_down, "models": cmd_models})
    sys.exit(0)


def run_manage():
    import django.core.management as management
    management.execute_from_command_line = main
    manage = CONFIG["manage"]
    sys.path.insert(0, os.path.dirname(os.path.abspath(manage)))
    sys.argv = [manage, "schemagate"]
    if CONFIG.get("dbUrl"):
        os.environ["DATABASE_URL"] = CONFIG["dbUrl"]
    try:
        runpy.run_path(manage, run_name="__main__")
    except SystemExit:
        raise
    except BaseException as exc:
        failure = exc if isinstance(exc, Failure) else load_failure("manage.py", exc, ROOT)
        error = {"kind": failure.kind, "message": failure.message}
        error.update(failure.extra)
        send({"id": 0, "ok": False, "error": error})
        return
    send({"id": 0, "ok": False, "error": {"kind": "config", "message": "manage.py did not call django's execute_from_command_line: schemagate runs Django through it"}})


run_manage()
