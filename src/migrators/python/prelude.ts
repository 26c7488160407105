/**
 * The part every Python driver shares: a JSON-lines protocol on a private copy of stdout (so that a
 * print() in env.py, settings or a migration cannot corrupt it), error reports as data, and the
 * request loop. One process serves a whole session: importing SQLAlchemy or setting Django up costs
 * about half a second, which would otherwise be paid on every step.
 *
 * Requests:  {"id": 1, "cmd": "up", "args": {...}}
 * Responses: {"id": 1, "ok": true, "result": ...} or {"id": 1, "ok": false, "error": {"kind": ...}}
 * The process first sends {"id": 0, ...}: ok once its imports worked, or the error that stopped it.
 * It exits when stdin closes, so a crashed parent never leaves it behind.
 *
 * Kept as a TypeScript string (not a .py file) so the bundled dist/index.js carries it.
 */
export const PYTHON_PRELUDE = String.raw`
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
            continue  # this driver (python -c) and other generated code
        path = os.path.realpath(filename)
        if path.startswith(root + os.sep) and "site-packages" not in path and "dist-packages" not in path:
            found = (path, line)
    if found is None:
        return ""
    return " (%s:%d)" % (os.path.relpath(found[0], root).replace(os.sep, "/"), found[1])


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
`;
