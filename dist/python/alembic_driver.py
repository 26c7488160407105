"""
The Alembic driver: runs the project's own Alembic in the project's Python, one revision at a
time, through Alembic's public runtime (Config, ScriptDirectory, EnvironmentContext,
MigrationStep), the same objects `alembic upgrade` uses. Run by bootstrap.py; serves requests
(prelude.py) until stdin closes.

The throwaway database's URL reaches env.py two ways: as `sqlalchemy.url` in the Config and as
the DATABASE_URL environment variable (set here, before env.py or the project's modules load). A
guard on SQLAlchemy's engine_connect event refuses a connection to any other database, so an env.py
that builds its own URL can never migrate a real one.

config (sys.argv[1]): {ini, scriptLocation, dbUrl, backend, projectRoot}; dbUrl is null for list.
backend is the SQLAlchemy dialect (postgresql, mysql) of the engine the database runs (null when
there is none), as alembic-project.ts computes it.
"""
import json, os, sys

from schemagate.prelude import Capture, Failure, capturing, describe, innermost_frame_in, load_failure, require, serve, server_error

require("alembic", "alembic")
require("sqlalchemy", "sqlalchemy")

import ast, functools, inspect, io
from urllib.parse import urlsplit, unquote, quote
import sqlalchemy
from sqlalchemy import event
from sqlalchemy.engine import Engine
from alembic.config import Config
from alembic.script import ScriptDirectory
from alembic.runtime.environment import EnvironmentContext
from alembic.runtime.migration import MigrationContext, MigrationStep

from schemagate.alembic_filters import declared_filters, exclusions
from schemagate.alembic_engines import SessionEngines

CONFIG = json.loads(sys.argv[1])
ROOT = os.path.realpath(CONFIG.get("projectRoot") or os.getcwd())
SYNC_DRIVERS = {"postgresql": ["psycopg2", "psycopg", "pg8000"], "mysql": ["MySQLdb", "pymysql", "mysql.connector"]}
DRIVER_NAMES = {"psycopg2": "psycopg2", "psycopg": "psycopg", "pg8000": "pg8000", "MySQLdb": "mysqldb", "pymysql": "pymysql", "mysql.connector": "mysqlconnector"}
DRIVER_PACKAGES = {"postgresql": "psycopg2-binary", "mysql": "mysqlclient"}


def backend():
    return CONFIG["backend"]


def sync_driver():
    for module in SYNC_DRIVERS[backend()]:
        try:
            __import__(module)
            return DRIVER_NAMES[module]
        except ImportError:
            pass
    raise Failure("missing", "no driver", module=SYNC_DRIVERS[backend()][0], package=DRIVER_PACKAGES[backend()])


def build_url(driver):
    parts = urlsplit(CONFIG["dbUrl"])
    auth = quote(unquote(parts.username or ""), safe="")
    if parts.password:
        auth += ":" + quote(unquote(parts.password), safe="")
    host = parts.hostname or "localhost"
    if ":" in host:
        host = "[" + host + "]"
    port = ":" + str(parts.port) if parts.port else ""
    return "%s+%s://%s@%s%s/%s" % (backend(), driver, auth, host, port, parts.path.lstrip("/"))


def database_name():
    return unquote(urlsplit(CONFIG["dbUrl"]).path.lstrip("/"))


def make_config():
    ini = CONFIG.get("ini")
    cfg = Config(ini) if ini else Config()
    if CONFIG.get("scriptLocation"):
        cfg.set_main_option("script_location", CONFIG["scriptLocation"])
    if not cfg.get_main_option("script_location"):
        raise Failure("config", "%s has no script_location: set it, or pass --migrations DIR" % (os.path.basename(ini) if ini else "alembic.ini"))
    return cfg


def configured_driver(cfg):
    """The driver the project configured (postgresql+asyncpg keeps asyncpg), when the backend matches."""
    try:
        configured = cfg.get_main_option("sqlalchemy.url") or ""
    except Exception:
        configured = ""
    scheme = configured.split("://", 1)[0] if "://" in configured else ""
    name, _, driver = scheme.partition("+")
    if driver and name.replace("mariadb", "mysql") == backend():
        return driver
    return None


def load_script(cfg):
    try:
        script = ScriptDirectory.from_config(cfg)
        revisions = list(script.walk_revisions("base", "heads"))
    except Exception as exc:
        where = innermost_frame_in(exc, set(py_files(cfg)))
        if isinstance(exc, ModuleNotFoundError):
            raise load_failure(shown(where[0]) if where else "loading the Alembic revisions", exc, ROOT)
        if where is None and isinstance(exc, SyntaxError) and exc.filename:
            where = (exc.filename, exc.lineno)
        prefix = rel(where[0]) + ": " if where else ""
        raise Failure("config", "%scould not load the Alembic revisions: %s" % (prefix, describe(exc)))
    revisions.reverse()
    return script, revisions


def py_files(cfg):
    location = cfg.get_main_option("script_location")
    base = location if os.path.isabs(location) else os.path.join(os.getcwd(), location)
    for root, _dirs, files in os.walk(base):
        for name in files:
            if name.endswith(".py"):
                yield os.path.realpath(os.path.join(root, name))


def rel(path):
    return os.path.relpath(path, os.getcwd()).replace(os.sep, "/")


def shown(path):
    """A path as the user sees it: relative to the project root (where schemagate runs)."""
    path = os.path.realpath(path)
    return os.path.relpath(path, ROOT).replace(os.sep, "/") if path.startswith(ROOT + os.sep) else path


def env_failed(script, exc):
    """env.py (or a module it imports) raised: name the file, the error and the project's line."""
    return load_failure(shown(os.path.join(script.dir, "env.py")), exc, ROOT)


def downgrade_kind(module):
    """'absent', 'raises' (declared irreversible) or 'present'."""
    fn = getattr(module, "downgrade", None)
    if fn is None:
        return "absent"
    try:
        tree = ast.parse(inspect.getsource(fn).strip())
        body = tree.body[0].body
        if body and isinstance(body[0], ast.Expr) and isinstance(getattr(body[0], "value", None), ast.Constant) and isinstance(body[0].value.value, str):
            body = body[1:]
        if len(body) == 1 and isinstance(body[0], ast.Raise):
            return "raises"
    except (OSError, SyntaxError, IndexError, AttributeError, TypeError):
        pass
    return "present"


def revision_info(sc):
    kind = downgrade_kind(sc.module)
    down = sc.down_revision
    downs = list(down) if isinstance(down, (tuple, list)) else ([down] if down else [])
    return {
        "revision": sc.revision,
        "downRevisions": downs,
        "doc": (sc.doc or "").strip().splitlines()[0] if sc.doc else "",
        "file": rel(sc.path),
        "reversible": kind == "present",
        "declared": kind == "raises",
    }


def cmd_list():
    cfg = make_config()
    script, revisions = load_script(cfg)
    return {
        "revisions": [revision_info(sc) for sc in revisions],
        "heads": [{"revision": h, "file": rel(script.get_revision(h).path)} for h in sorted(script.get_heads())],
    }


class Session:
    def __init__(self):
        self.cfg = make_config()
        self.script, self.revisions = load_script(self.cfg)
        self.paths = set(os.path.realpath(sc.path) for sc in self.revisions)
        self.env_py = os.path.realpath(os.path.join(self.script.dir, "env.py"))
        self.capturing = False
        self.printed = Capture()
        self.failed_in_revision = False
        self.captured = []
        self.version_table = "alembic_version"
        self.url = build_url(configured_driver(self.cfg) or sync_driver())
        self.cfg.set_main_option("sqlalchemy.url", self.url.replace("%", "%%"))
        os.environ["DATABASE_URL"] = self.url
        for sc in self.revisions:
            for name in ("upgrade", "downgrade"):
                fn = getattr(sc.module, name, None)
                if fn is not None:
                    setattr(sc.module, name, self.wrap(fn))
        remember_version_table()
        event.listen(Engine, "engine_connect", self.guard)
        event.listen(Engine, "after_cursor_execute", self.capture)
        self.engines = SessionEngines()
        # The pytest-alembic form of env.py uses config.attributes["connection"] when it is set;
        # open() finds out which form this env.py takes (see offer_connection).
        self.shared = self.engines.create(self.url)
        self.held = None
        # Offline SQL rendered ahead, a range of revisions per env.py run (render_ahead):
        # {(upgrade, revision): {"sql", "why"}}; the heads after each revision's upgrade, by index.
        self.order = {sc.revision: i for i, sc in enumerate(self.revisions)}
        self.rendered = {}
        self.heads_after = {}
        self.ahead_tried = set()
        self.batch_ok = True

    def wrap(self, fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            self.capturing = True
            try:
                with capturing(self.printed):
                    return fn(*args, **kwargs)
            except BaseException:
                self.failed_in_revision = True
                raise
            finally:
                self.capturing = False
        return wrapper

    def guard(self, conn, *_args):
        name = conn.engine.url.database
        if name != database_name():
            raise Failure("config", "env.py connected to database %r instead of the throwaway one: make env.py use config.get_main_option('sqlalchemy.url') or the DATABASE_URL environment variable (see docs/alembic-django.md)" % (name,))

    def capture(self, conn, cursor, statement, parameters, context, executemany):
        if not self.capturing:
            return
        executed = getattr(cursor, "query", None) or getattr(cursor, "_executed", None)
        if isinstance(executed, bytes):
            executed = executed.decode("utf-8", "replace")
        self.captured.append(executed if isinstance(executed, str) and executed else statement)

    def steps(self, revision, upgrade):
        sc = self.script.get_revision(revision)
        if not upgrade and getattr(sc.module, "downgrade", None) is None:
            raise Failure("config", "%s: has no downgrade()" % rel(sc.path))
        make = MigrationStep.upgrade_from_script if upgrade else MigrationStep.downgrade_from_script
        return sc, [make(self.script.revision_map, sc)]

    def run_env(self, fn, as_sql, starting_rev=None, buffer=None):
        self.cfg.output_buffer = buffer
        try:
            with EnvironmentContext(self.cfg, self.script, fn=fn, as_sql=as_sql, starting_rev=starting_rev) as ctx:
                self.script.run_env()
                self.version_table = ctx.context_opts.get("version_table") or "alembic_version"
                return ctx
        finally:
            self.cfg.output_buffer = None

    def open(self):
        # A no-op online pass: loads env.py, connects (through the guard) and fails early, as a
        # configuration error, when env.py cannot run. It also settles how env.py takes the
        # session's connection: an Engine (pytest-alembic's form), a Connection (Alembic's
        # cookbook form, which rejects an Engine), or not at all (the `alembic init` template,
        # whose own engine SessionEngines keeps for the session).
        try:
            self.offer_connection()
        except Failure:
            raise
        except Exception as exc:
            raise env_failed(self.script, exc)
        return {"versionTable": self.version_table}

    def offer_connection(self):
        """Tries the forms in turn and keeps the first env.py runs with; when none does, env.py
        runs as it would on its own and its own error is the one reported."""
        for form in ("engine", "connection"):
            try:
                self.cfg.attributes["connection"] = self.shared if form == "engine" else self.hold()
                self.run_env(lambda rev, context: [], False)
                return
            except Exception:
                self.release()
        self.run_env(lambda rev, context: [], False)

    def hold(self):
        self.held = self.shared.connect()
        return self.held

    def release(self):
        self.cfg.attributes.pop("connection", None)
        if self.held is not None:
            try:
                self.held.close()
            except Exception:
                pass
            self.held = None

    def close(self):
        self.release()
        self.engines.dispose()

    def offline(self, revision, upgrade):
        """The step's SQL from offline mode, or None when env.py or the revision cannot run offline."""
        sc, steps = self.steps(revision, upgrade)
        downs = list(sc.down_revision) if isinstance(sc.down_revision, (tuple, list)) else ([sc.down_revision] if sc.down_revision else [])
        start = (downs or None) if upgrade else [sc.revision]
        buffer = io.StringIO()
        # What the revision prints while rendering offline repeats what it prints online: dropped.
        self.printed = Capture()
        try:
            self.run_env(lambda rev, context: steps, True, starting_rev=start, buffer=buffer)
        except Exception as exc:
            return {"sql": None, "why": describe(exc)}
        return {"sql": buffer.getvalue(), "why": None}

    def step(self, revision, upgrade, offline=True):
        sc, steps = self.steps(revision, upgrade)
        if offline:
            offline = self.rendered.pop((upgrade, revision), None) or self.render_ahead(revision, upgrade) or self.offline(revision, upgrade)
        else:
            offline = {"sql": None, "why": "not asked for"}
        self.captured = []
        self.printed = Capture()
        self.failed_in_revision = False
        try:
            self.run_env(lambda rev, context: steps, False)
        except Failure:
            raise
        except Exception as exc:
            failure = self.failure(exc, sc)
            failure.extra.update(self.printed.result())
            raise failure
        result = {"offline": offline["sql"], "offlineError": offline["why"], "executed": self.captured, "versionTable": self.version_table}
        result.update(self.printed.result())
        return result

    # Rendering ahead. One offline env.py run per revision costs more than the revision's own SQL
    # (env.py is loaded and configured, a MigrationContext built, each time), so the first revision
    # a step needs rendered starts a run that renders it and every revision after it: the upgrades
    # in the listed order, from the heads the database holds before it (which the check's order
    # keeps: the steps before it are applied), and the downgrades in reverse order from the heads
    # the upgrades reached. Alembic iterates the steps that the run's fn returns lazily, so a
    # generator marks where each revision's part of the output starts; a revision is shown what
    # env.py printed before the first step and after the last (as a run of its own would show)
    # around its own part. Whatever the runs cannot render exactly (a failure, an env.py that runs
    # the migrations more than once, as the multi-database template does) is left to a run of its
    # own per revision, as before.

    def render_ahead(self, revision, upgrade):
        """The revision's offline SQL from a run that renders a range of revisions, or None."""
        key = (upgrade, revision)
        if not self.batch_ok or key in self.ahead_tried or revision not in self.order:
            return None
        index = self.order[revision]
        try:
            if upgrade:
                self.render_upgrades(index)
            else:
                self.render_downgrades(index)
        except Exception:
            self.batch_ok = False
        return self.rendered.pop(key, None)

    def render_upgrades(self, first):
        heads = self.current_heads() if first > 0 else ()
        revisions = self.revisions[first:]
        done = self.render_range(revisions, True, heads)
        # revisions[done], if any, failed offline: it goes on its own, and the next step after it
        # starts a new run from the heads the database then holds.
        self.ahead_tried.update((True, sc.revision) for sc in revisions[:done + 1])
        if 0 < done < len(revisions):
            # The failed run ended without its closing output: the ones before it again.
            self.render_range(revisions[:done], True, heads)

    def render_downgrades(self, first):
        """Downgrades from the last revision whose heads are known down to `first`, in runs split
        at the revisions with no downgrade to render (absent, or one that only raises)."""
        top = first
        while top + 1 in self.heads_after and top + 1 < len(self.revisions):
            top += 1
        if first not in self.heads_after:
            return
        end = top
        while end >= first:
            start = end
            while start >= first and downgrade_kind(self.revisions[start].module) == "present":
                start -= 1
            # revisions[start + 1 .. end] downgrade in one run, from the heads after `end`.
            if start < end:
                part = list(reversed(self.revisions[start + 1:end + 1]))
                done = self.render_range(part, False, self.heads_after[end])
                self.ahead_tried.update((False, sc.revision) for sc in part[:done + 1])
                if 0 < done < len(part):
                    self.render_range(part[:done], False, self.heads_after[end])
                if done < len(part):
                    # part[done] failed: the revisions below it continue from their own heads.
                    end = end - done - 1
                    continue
            end = start - 1

    def render_range(self, revisions, upgrade, heads):
        """Renders the revisions' steps in one offline run starting from `heads`; returns how many
        were rendered (all of them, or the index of the one that failed). On success each gets
        its SQL in self.rendered, and for upgrades self.heads_after gets the heads after each."""
        make = MigrationStep.upgrade_from_script if upgrade else MigrationStep.downgrade_from_script
        steps = [make(self.script.revision_map, sc) for sc in revisions]
        buffer = io.StringIO()
        marks = []
        after = []
        calls = []

        def record(ctx, step, heads, run_args):
            after.append(tuple(sorted(heads)))

        def fn(rev, context):
            calls.append(1)
            if len(calls) > 1:
                raise RuntimeError("env.py ran the migrations more than once")
            context.on_version_apply_callbacks = tuple(context.on_version_apply_callbacks) + (record,)
            for step in steps:
                marks.append(buffer.tell())
                yield step
            marks.append(buffer.tell())

        self.printed = Capture()
        try:
            self.run_env(fn, True, starting_rev=list(heads) or None, buffer=buffer)
        except Exception:
            if len(calls) > 1:
                raise
            return max(0, len(marks) - 1)
        if len(marks) != len(steps) + 1 or len(after) != len(steps):
            raise RuntimeError("the run did not render every step once")
        text = buffer.getvalue()
        before, closing = text[:marks[0]], text[marks[-1]:]
        for k, sc in enumerate(revisions):
            self.rendered[(upgrade, sc.revision)] = {"sql": before + text[marks[k]:marks[k + 1]] + closing, "why": None}
            if upgrade:
                self.heads_after[self.order[sc.revision]] = after[k]
        return len(steps)

    def current_heads(self):
        """The heads the database holds (what an online run's fn is given)."""
        seen = []
        self.run_env(lambda rev, context: seen.append(tuple(rev)) or [], False)
        return seen[0]

    def failure(self, exc, sc):
        if not self.failed_in_revision:
            return env_failed(self.script, exc)
        orig = getattr(exc, "orig", None)
        statement = getattr(exc, "statement", None)
        code = detail = hint = None
        if orig is not None:
            message, code, detail, hint = server_error(orig)
        else:
            where = innermost_frame_in(exc, {os.path.realpath(sc.path)})
            message = describe(exc) + (" (%s:%d)" % (rel(where[0]), where[1]) if where else "")
        return Failure("migration", message, statement=statement, code=code, detail=detail, hint=hint)


def remember_version_table():
    """Once the version table is seen on the session's database, online runs stop asking the
    server whether it exists (a catalog query at the start of every run: MigrationContext's
    _has_version_table, which get_current_heads calls). Seen means it existed when a run started,
    so it was committed: a failed step's rollback cannot take it away, and nothing else drops it.
    An Alembic without that method is left as it is."""
    ask = getattr(MigrationContext, "_has_version_table", None)
    if ask is None or getattr(ask, "schemagate", False):
        return
    known = set()

    def _has_version_table(ctx):
        if ctx.as_sql:
            return ask(ctx)
        key = (getattr(ctx, "version_table", None), getattr(ctx, "version_table_schema", None))
        if key in known:
            return True
        found = ask(ctx)
        if found:
            known.add(key)
        return found

    _has_version_table.schemagate = True
    MigrationContext._has_version_table = _has_version_table


SESSION = None


def cmd_bind(dbUrl, backend):
    """Binds a driver started without a database (a spare, see spare-driver.ts) to one. Nothing
    has read dbUrl or backend yet: a session reads them when it opens, the models when they build."""
    CONFIG["dbUrl"] = dbUrl
    CONFIG["backend"] = backend


def cmd_open():
    global SESSION
    SESSION = Session()
    return SESSION.open()


def cmd_up(revision, offline=True):
    return SESSION.step(revision, True, offline)


def cmd_down(revision, offline=True):
    return SESSION.step(revision, False, offline)


def resolve_models(spec):
    module_name, _, attr = spec.partition(":")
    try:
        obj = __import__(module_name, fromlist=["_"])
        for part in filter(None, attr.split(".")):
            obj = getattr(obj, part)
    except Exception as exc:
        raise Failure("config", "--models %s could not be loaded: %s" % (spec, describe(exc)))
    return obj


class ProbeInconclusive(Exception):
    """The preflight could not read the models without a database (see load_target)."""


def read_env():
    """Runs env.py in offline mode with no migration steps and returns what it handed to
    context.configure(): env.py imports its models and calls configure(), and no connection is made
    and no migration runs."""
    cfg = make_config()
    script = ScriptDirectory.from_config(cfg)
    # Preflight (no database yet): a URL that resolves nowhere, as offline mode never connects.
    url = build_url(configured_driver(cfg) or sync_driver()) if CONFIG.get("dbUrl") else "%s://schemagate@schemagate-preflight.invalid/schemagate_preflight" % backend()
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    os.environ["DATABASE_URL"] = url
    cfg.output_buffer = io.StringIO()
    try:
        with EnvironmentContext(cfg, script, fn=lambda rev, context: [], as_sql=True) as ctx:
            script.run_env()
            opts = dict(ctx.context_opts)
    except Exception as exc:
        if not CONFIG.get("dbUrl") and isinstance(exc, sqlalchemy.exc.DBAPIError):
            # env.py connects even in offline mode (no is_offline_mode() branch): with no database
            # yet this cannot tell; build() reads the models on a real one.
            raise ProbeInconclusive(describe(getattr(exc, "orig", None) or exc))
        raise env_failed(script, exc)
    opts["_env_py"] = os.path.realpath(os.path.join(script.dir, "env.py"))
    return opts


def as_metadatas(target, source):
    metadatas = list(target) if isinstance(target, (list, tuple)) else [target]
    metadatas = [getattr(m, "metadata", m) for m in metadatas]
    for m in metadatas:
        if not isinstance(m, sqlalchemy.MetaData):
            raise Failure("config", "%s is not a SQLAlchemy MetaData (got %s)" % (source, type(m).__name__))
    return metadatas


def load_target(spec):
    """The models' MetaData list, where it came from, and env.py's configure() options ({} with
    --models, which does not run env.py); the list is None when env.py sets no target_metadata."""
    if spec:
        return as_metadatas(resolve_models(spec), spec), spec, {}
    opts = read_env()
    source = "env.py target_metadata"
    target = opts.get("target_metadata")
    if target is None:
        return None, source, opts
    return as_metadatas(target, source), source, opts


def cmd_probe_models(spec):
    """Before any migration runs: loads the models as cmd_models would, building nothing."""
    try:
        metadatas, _source, opts = load_target(spec)
    except ProbeInconclusive as exc:
        return {"target": None, "tables": 0, "filters": None, "inconclusive": str(exc)}
    return {"target": metadatas is not None, "tables": sum(len(m.tables) for m in metadatas or []), "filters": declared_filters(opts)}


def cmd_models(spec):
    """Builds target_metadata on the database with create_all (the drift's 'models' side)."""
    metadatas, source, _opts = load_target(spec)
    if metadatas is None:
        raise Failure("config", "env.py sets no target_metadata: set it to your models' MetaData, or pass --models package.module:Base.metadata")
    engine = sqlalchemy.create_engine(build_url(sync_driver()))
    try:
        with engine.begin() as conn:
            if backend() == "postgresql":
                schemas = sorted(set(t.schema for m in metadatas for t in m.tables.values() if t.schema))
                for schema in schemas:
                    conn.execute(sqlalchemy.text('CREATE SCHEMA IF NOT EXISTS "%s"' % schema.replace('"', '""')))
            for m in metadatas:
                m.create_all(conn)
    except Exception as exc:
        raise Failure("config", "create_all of %s failed: %s" % (source, describe(getattr(exc, "orig", None) or exc)))
    finally:
        engine.dispose()
    return {"tables": sum(len(m.tables) for m in metadatas)}



def cmd_exclusions(spec, tables):
    """Which of the given tables and columns env.py's filters leave out of autogenerate
    (alembic_filters.py)."""
    try:
        metadatas, _source, opts = load_target(spec)
    except ProbeInconclusive as exc:
        note = "env.py connects to a database even in offline mode, so its include_name/include_object could not be asked (%s): drift compares every table" % exc
        return {"filters": [], "envPy": "env.py", "tables": [], "columns": [], "warnings": [note]}
    return exclusions(opts, metadatas, tables, backend(), shown(opts["_env_py"]), ROOT)


serve({"list": cmd_list, "bind": cmd_bind, "open": cmd_open, "up": cmd_up, "down": cmd_down, "models": cmd_models, "probe_models": cmd_probe_models, "exclusions": cmd_exclusions})
