"""The casebook the graders use when a test cell names none: the kit's own, loaded once per kernel
(a notebook's seven test cells then read and check the same answer once, not seven times)."""

from __future__ import annotations

from functools import lru_cache

from ..inputs.casebook import Casebook


@lru_cache(maxsize=1)
def _kit_casebook() -> Casebook:
    from ..inputs.casebook import load_casebook

    return load_casebook()


def exercise_casebook(book: Casebook | None = None) -> Casebook:
    return book if book is not None else _kit_casebook()
