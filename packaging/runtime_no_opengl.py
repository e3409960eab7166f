"""PyInstaller runtime hook: a stand-in for PySide6.QtOpenGL, which the bundle leaves out (8.5 MB).

pyqtgraph imports the module by name when it loads, but uses it only to draw through OpenGL, which
pyqtgraph does only when ``useOpenGL`` or a GL widget is asked for; the app's charts ask for neither
(pyqtgraph's defaults). The stand-in is found only when the real module is not, and any use of it
fails at once with a clear message instead of drawing wrongly.
"""

import importlib.abc
import importlib.machinery
import sys
import types

NAME = "PySide6.QtOpenGL"


class _Absent(types.ModuleType):
    def __getattr__(self, attribute: str):
        if attribute.startswith("__"):
            raise AttributeError(attribute)
        raise AttributeError(f"{NAME}.{attribute}: Qt's OpenGL bindings are not in this build of the app")


class _StandIn(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    def find_spec(self, fullname, path=None, target=None):
        return importlib.machinery.ModuleSpec(fullname, self) if fullname == NAME else None

    def create_module(self, spec):
        return _Absent(spec.name)

    def exec_module(self, module):
        pass


sys.meta_path.append(_StandIn())  # last: asked only when no other finder has the real module
