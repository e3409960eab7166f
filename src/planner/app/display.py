"""Is there a screen to open the window on? Asked before Qt starts, because Qt's answer to "no"
is to abort the whole process (exit 134) with a message about missing xcb libraries."""
from __future__ import annotations

import ctypes
import ctypes.util
import os
import sys

from planner.storage.errors import PlanFileError


class NoDisplayError(PlanFileError):
    """The window cannot open: no display to show it on (said in one line, exit 1)."""


HINT = "the subcommands (planner simulate, export, ...) work without one"


def check_display() -> None:
    """Refuse, in one line, to open the window where there is no display: none named in the
    environment, or an X display that does not answer (a stale DISPLAY from an old session)."""
    if not sys.platform.startswith("linux"):
        return
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform and not platform.startswith("xcb"):
        return  # offscreen, wayland, vnc, ...: Qt's own choice, nothing to check here
    if not platform and os.environ.get("WAYLAND_DISPLAY"):
        return
    display = os.environ.get("DISPLAY")
    if not display:
        raise NoDisplayError("no display found: the window needs a graphical session (DISPLAY or "
                             f"WAYLAND_DISPLAY is not set); {HINT}")
    if x_display_answers(display) is False:
        raise NoDisplayError(f"no display found: the X display {display} does not answer; {HINT}")


def x_display_answers(display: str) -> bool | None:
    """Whether the X server named DISPLAY accepts a connection; None when that cannot be asked
    here (no libX11), in which case Qt is left to try."""
    library = ctypes.util.find_library("X11")
    if library is None:
        return None
    try:
        xlib = ctypes.CDLL(library)
    except OSError:
        return None
    xlib.XOpenDisplay.restype = ctypes.c_void_p
    xlib.XOpenDisplay.argtypes = [ctypes.c_char_p]
    xlib.XCloseDisplay.argtypes = [ctypes.c_void_p]
    connection = xlib.XOpenDisplay(display.encode())
    if not connection:
        return False
    xlib.XCloseDisplay(connection)
    return True
