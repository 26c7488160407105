"""
The part every Python driver shares (imported as schemagate.prelude): a JSON-lines protocol on a
private copy of stdout (so that a print() in env.py, settings or a migration cannot corrupt it),
error reports as data, and the request loop. One process serves a whole session: importing
SQLAlchemy or setting Django up costs about half a second, which would otherwise be paid on every
step.

Requests:  {"id": 1, "cmd": "up", "args": {...}}
Responses: {"id": 1, "ok": true, "result": ...} or {"id": 1, "ok": false, "error": {"kind": ...}}
The process first sends {"id": 0, ...}: ok once its imports worked, or the error that stopped it.
It exits when stdin closes, so a crashed parent never leaves it behind.
"""
import json, os, sys, traceback

_proto = os.fdopen(os.dup(1), "w", buffering=1, encoding="utf-8")
os.dup2(2, 1)
sys.stdout = sys.stderr


def send(obj):
    _proto.write(json.dumps(obj, default=str) + "\n")
    _proto.flush()


class Failure(Exception):
    """An error meant for the user. kind: config | migration | missing."""

    def __init__(self, kind, message, **extra):
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.extra = extra


def describe(exc):
    """One line: the last line of the traceback, as Python prints it."""
    text = str(exc).strip().splitlines()
    first = text[0] if text else ""
    name = type(exc).__name__
    return name + ": " + first if first else name


def innermost_frame_in(exc, paths):
    """(file, line) of the innermost traceback frame whose file is one of paths, or None."""
    found = None
    tb = exc.__traceback__
    while tb is not None:
        filename = os.path.realpath(tb.tb_frame.f_code.co_filename)
        if filename in paths:
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


def project_location(exc, root):
    """' (file:line)' of the innermost traceback frame in the project's own code (under root, not an
    installed package), so that an error raised deep inside Django or SQLAlchemy still points at the
    project's line that caused it; '' when there is none."""
    root = os.path.realpath(root)
    found = None
    frames = []
    tb = exc.__traceback__
    while tb is not None:
        frames.append((tb.tb_frame.f_code.co_filename, tb.tb_lineno))
        tb = tb.tb_next
    if isinstance(exc, SyntaxError) and exc.filename:
        frames.append((exc.filename, exc.lineno or 0))
    for filename, line in frames:
        if filename.startswith("<"):
            continue  # the drivers (bootstrap.py names them <schemagate/...>), generated code
        path = os.path.realpath(filename)
        if path.startswith(root + os.sep) and "site-packages" not in path and "dist-packages" not in path:
            found = (path, line)
    if found is None:
        return ""
    return " (%s:%d)" % (os.path.relpath(found[0], root).replace(os.sep, "/"), found[1])


class Capture:
    """What a migration prints while it runs (print(), sys.stdout/sys.stderr writes), as lines, so
    that it reaches the migration's report entry instead of mixing with schemagate's output. Only the
    last LIMIT lines are kept; omitted counts the others."""

    LIMIT = 200

    def __init__(self):
        self.lines = []
        self.partial = ""
        self.omitted = 0
        self.encoding = "utf-8"
        self.errors = "replace"

    def write(self, text):
        if not isinstance(text, str):
            text = str(text)
        parts = (self.partial + text).replace("\r\n", "\n").split("\n")
        self.partial = parts.pop()
        self.lines.extend(parts)
        if len(self.lines) > 2 * self.LIMIT:
            drop = len(self.lines) - self.LIMIT
            del self.lines[:drop]
            self.omitted += drop
        return len(text)

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def flush(self):
        pass

    def isatty(self):
        return False

    def result(self):
        lines = self.lines + ([self.partial] if self.partial else [])
        drop = max(0, len(lines) - self.LIMIT)
        return {"output": lines[drop:], "outputOmitted": self.omitted + drop}


class capturing:
    """with capturing(capture): sys.stdout and sys.stderr write into capture."""

    def __init__(self, capture):
        self.capture = capture

    def __enter__(self):
        self.saved = (sys.stdout, sys.stderr)
        sys.stdout = sys.stderr = self.capture
        return self.capture

    def __exit__(self, *exc):
        sys.stdout, sys.stderr = self.saved
        return False


def server_error(orig):
    """(message, code, detail, hint) of a DB-API driver's error: psycopg2 and psycopg give the
    SQLSTATE, DETAIL and HINT through .diag; MySQLdb and PyMySQL give (errno, message) as args."""
    diag = getattr(orig, "diag", None)
    code = getattr(orig, "pgcode", None) or getattr(orig, "sqlstate", None) or getattr(diag, "sqlstate", None)
    detail = getattr(diag, "message_detail", None)
    hint = getattr(diag, "message_hint", None)
    args = getattr(orig, "args", ())
    if code is None and len(args) >= 2 and isinstance(args[0], int):
        return str(args[1]), str(args[0]), None, None
    primary = getattr(diag, "message_primary", None)
    message = primary or (str(orig).strip().splitlines() or [type(orig).__name__])[0]
    return message, code, detail, hint


def importer_of(exc, root):
    """'file:line' of the innermost frame that ran the failing import (the project's file relative
    to root; a package's file as it is), or None."""
    found = None
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if not filename.startswith("<"):
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    if found is None:
        return None
    path = os.path.realpath(found[0])
    root = os.path.realpath(root)
    shown = os.path.relpath(path, root).replace(os.sep, "/") if path.startswith(root + os.sep) else path
    return "%s:%d" % (shown, found[1])


def holder_of(top, starts):
    """The nearest folder, from each of starts upwards, that holds package or module top."""
    for start in starts:
        folder = os.path.realpath(start)
        while True:
            if os.path.isdir(os.path.join(folder, top)) or os.path.isfile(os.path.join(folder, top + ".py")):
                return folder
            parent = os.path.dirname(folder)
            if parent == folder:
                break
            folder = parent
    return None


def import_hint(name, root):
    """How to make module name importable: where the package is when the project has it, else the
    interpreter that has the project's dependencies."""
    import importlib.util
    top = name.split(".")[0]
    venv = "pass --python /path/to/venv/bin/python, the interpreter that has the project's dependencies"
    spec = None
    try:
        spec = importlib.util.find_spec(top)
    except Exception:
        pass
    if spec is not None and top != name:
        origin = spec.origin or (list(spec.submodule_search_locations or []) or [top])[0]
        where = os.path.relpath(os.path.realpath(origin), os.path.realpath(root)).replace(os.sep, "/")
        if where.startswith(".."):
            where = origin
        return "%s is %s, which has no module %s: fix the import" % (top, where, name[len(top) + 1:])
    holder = holder_of(top, [os.getcwd(), root])
    if holder is not None:
        return "%s is in %s: set PYTHONPATH=%s, or %s" % (top, holder, holder, venv)
    return "%s is not installed for %s: %s, or set PYTHONPATH to the folder that holds it if it is the project's own code" % (top, sys.executable, venv)


def load_failure(what, exc, root):
    """what (env.py, the settings, manage.py) raised while loading. A module that cannot be found
    names the module, the file that imported it and the fix; anything else names the error and the
    project's line. The traceback goes along for --verbose."""
    extra = {"traceback": "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))}
    if isinstance(exc, ModuleNotFoundError) and exc.name:
        where = importer_of(exc, root)
        message = "%s failed: %s%s" % (what, describe(exc), " (imported by %s)" % where if where else "")
        return Failure("config", message, hint=import_hint(exc.name, root), **extra)
    return Failure("config", "%s failed: %s%s" % (what, describe(exc), project_location(exc, root)), **extra)


def require(module, package):
    try:
        __import__(module)
    except ImportError as exc:
        send({"id": 0, "ok": False, "error": {"kind": "missing", "module": module, "package": package, "message": describe(exc)}})
        sys.exit(0)


def serve(handlers):
    send({"id": 0, "ok": True, "result": {"python": sys.version.split()[0]}})
    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        rid = request.get("id")
        if request.get("cmd") == "quit":
            send({"id": rid, "ok": True, "result": None})
            break
        try:
            result = handlers[request["cmd"]](**request.get("args", {}))
            send({"id": rid, "ok": True, "result": result})
        except Failure as failure:
            error = {"kind": failure.kind, "message": failure.message}
            error.update(failure.extra)
            send({"id": rid, "ok": False, "error": error})
        except BaseException as exc:  # SystemExit from a management command included
            send({"id": rid, "ok": False, "error": {"kind": "internal", "message": describe(exc), "traceback": traceback.format_exc()}})
