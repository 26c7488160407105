# schemagate's Python driver bootstrap (class _SchemagateDriverFiles). schemagate runs it as
#   python -c <this file> CONFIG FOLDER DRIVER
# (src/migrators/python/driver-files.ts): it runs FOLDER/DRIVER.py as the main program, and makes
# `from schemagate.NAME import ...` load FOLDER/NAME.py. Through -c, not `python FILE`, so that
# sys.path[0] stays the working folder (env.py and manage.py import the project's modules from it)
# and so that the project can never import these files by accident.
import importlib.util
import os
import sys
import types


class _SchemagateDriverFiles:
    """Compiles each file under the name <schemagate/NAME.py>: the prelude's tracebacks skip frames
    of files named <...>, so a driver's own frame is never taken for the project's code."""

    def __init__(self, folder):
        self.folder = folder

    def code(self, name):
        with open(os.path.join(self.folder, name + ".py"), encoding="utf-8") as source:
            return compile(source.read(), "<schemagate/%s.py>" % name, "exec")

    def find_spec(self, fullname, path=None, target=None):
        if fullname.startswith("schemagate."):
            return importlib.util.spec_from_loader(fullname, self)
        return None

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        exec(self.code(module.__name__.partition(".")[2]), module.__dict__)


def _schemagate_driver():
    folder, driver = sys.argv[2:4]
    # The drivers read their request config from sys.argv[1] alone.
    del sys.argv[2:]
    files = _SchemagateDriverFiles(folder)
    package = types.ModuleType("schemagate")
    package.__path__ = []
    sys.modules["schemagate"] = package
    sys.meta_path.append(files)
    return files.code(driver)


def _schemagate_profile(driver):
    """SCHEMAGATE_PY_PROFILE=FOLDER (a developer's switch): the driver runs under cProfile and
    writes FOLDER/DRIVER-PID.prof when it exits (read it with python3 -m pstats)."""
    folder = os.environ.get("SCHEMAGATE_PY_PROFILE")
    if not folder:
        return
    import atexit, cProfile
    profile = cProfile.Profile()
    target = os.path.join(folder, "%s-%d.prof" % (driver, os.getpid()))
    atexit.register(lambda: (profile.disable(), profile.dump_stats(target)))
    profile.enable()


_schemagate_profile(sys.argv[3])
exec(_schemagate_driver())
