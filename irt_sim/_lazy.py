"""Packages that name their public objects without importing them: a notebook that needs one panel
does not pay for pandas, matplotlib and ipywidgets all at once, and a command line stays quick."""

from __future__ import annotations

from importlib import import_module
from typing import Callable


def lazy_exports(package: str, where: dict[str, str]) -> Callable[[str], object]:
    """A module ``__getattr__`` for ``package``: ``where`` maps each public name to the module
    (relative to the package, as ".plots" or "..display.tables") that defines it."""

    def __getattr__(name: str):
        if name in where:
            return getattr(import_module(where[name], package), name)
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    return __getattr__
