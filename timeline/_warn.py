"""Warnings that point at the caller's line, not at the library's.

``warnings.warn`` blames the frame ``stacklevel`` steps up. How many steps
lie between a warning and the user's code depends on the path taken (a
reader called by ``load``, by ``loads``, by the command line, a
converter called by an attrs-generated ``__init__``), so a fixed
``stacklevel`` is wrong on some path. This walks up to the first frame
that is not the library's own (Python 3.12's ``skip_file_prefixes`` does
the same; this library supports 3.11).
"""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

from timeline.errors import TimelineWarning

__all__ = ["warn"]

_PACKAGE = str(Path(__file__).resolve().parent)
_OWN = (_PACKAGE, "<attrs generated")


def _internal(filename: str) -> bool:
    return filename.startswith(_OWN) or (filename.startswith(_PACKAGE[:1]) and _resolved(filename).startswith(_PACKAGE))


def _resolved(filename: str) -> str:
    # An editable install or a symlinked checkout may name the package by another path.
    try:
        return str(Path(filename).resolve())
    except OSError:  # pragma: no cover - a vanished file
        return filename


def warn(message: str, category: type[Warning] = TimelineWarning) -> None:
    """Warn with ``message``, blamed on the first frame outside this package."""
    frame = sys._getframe(1)
    level = 2
    while frame.f_back is not None and _internal(frame.f_code.co_filename):
        frame = frame.f_back
        level += 1
    warnings.warn(message, category, stacklevel=level)
