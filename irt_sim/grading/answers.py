"""A learner's answer, read from the text of the cell that wrote it, not from a Python variable.

Exercise cells ask for ``name = value`` lines. A non-programmer's cell may not run (``22%`` without
quotes, a missing closing quote, a word without quotes), and a cell that ran may have set the
variable to something else since. So the self-checks and the graders look up the newest cell the
notebook ran that assigns the name, in IPython's own input history (which keeps cells that did
not compile), and read the value from its text: a Python literal or a sum of numbers as Python
reads it, anything else as the words the learner typed.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from typing import Any

from .reading import Note, arithmetic


@dataclass(frozen=True)
class Answer:
    """What a learner wrote for one answer: the value, and how it had to be read."""

    name: str
    value: Any = None
    found: bool = False  # a cell assigns the name
    notes: tuple[Note, ...] = field(default_factory=tuple)

    def __str__(self) -> str:
        return "" if self.value is None else str(self.value)


def as_answer(value: Any, name: str = "answer") -> Answer:
    """Graders take an Answer, or a plain value (tests, the course's own calls)."""
    return value if isinstance(value, Answer) else Answer(name, value, found=value is not None)


def answer(name: str) -> Answer:
    """The newest answer the running notebook gave for ``name``: from IPython's input history."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with the kit
        return Answer(name)
    shell = get_ipython()
    cells = list(getattr(getattr(shell, "history_manager", None), "input_hist_raw", []) or [])
    for source in reversed(cells):
        found = answer_in_cell(name, source)
        if found.found:
            return found
    return Answer(name, notes=(Note(f"no cell that writes '{name} = ...' has been run: run the answer cell "
                                    "(click in it and press Shift+Enter), then run this one again"),))


def answer_in_cell(name: str, source: str) -> Answer:
    """The last value ``source`` assigns to ``name``, or Answer(found=False)."""
    if not re.search(rf"(?m)^[ \t]*{re.escape(name)}\b", source or ""):
        return Answer(name)
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return _from_text(name, source)
    node = None
    for statement in tree.body:  # the last assignment wins, as when the cell runs
        if isinstance(statement, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in statement.targets):
            node = statement.value
        elif isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name) and statement.target.id == name:
            node = statement.value if statement.value is not None else statement.annotation
    if node is None:
        return Answer(name)
    try:
        value = ast.literal_eval(node)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        segment = ast.get_source_segment(source, node) or ""
        number = arithmetic(segment)
        if number is not None:
            return Answer(name, number, True, (Note(f"worked out {shown_code(segment)} as {number:g}"),))
        return Answer(name, segment.strip(), True, (Note(f"read {shown_code(segment)} as the words you typed "
                                                         "(words go between quotes)", guess=True),))
    notes = (Note(f"read '{name}: ...' as '{name} = ...'"),) if colon_used(tree, name) else ()
    return Answer(name, value, True, notes)


def colon_used(tree: ast.Module, name: str) -> bool:
    last = None
    for statement in tree.body:
        if isinstance(statement, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in statement.targets):
            last = "="
        elif isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name) and statement.target.id == name:
            last = ":" if statement.value is None else "="
    return last == ":"


def shown_code(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return f"'{text if len(text) <= limit else text[:limit - 1] + '…'}'"


_OPENING = re.compile(r"""^[rRuUbBfF]{0,2}("{3}|'{3}|"|')""")


def _from_text(name: str, source: str) -> Answer:
    """The cell does not run as Python: read the value after the last 'name =' from the text itself."""
    starts = [m for m in re.finditer(rf"(?m)^[ \t]*{re.escape(name)}[ \t]*=(?!=)[ \t]*", source)] or \
             [m for m in re.finditer(rf"(?m)^[ \t]*{re.escape(name)}[ \t]*:[ \t]*", source)]
    if not starts:
        return Answer(name)
    rest = source[starts[-1].end():]
    why = "the cell does not run as Python as it is written"
    opening = _OPENING.match(rest)
    if opening:
        quote = opening.group(1)
        body = rest[opening.end():]
        if len(quote) == 3:
            end = body.find(quote)
            value = body if end < 0 else body[:end]
            missing = end < 0
        else:
            line = body.split("\n", 1)[0]
            end = line.find(quote)
            missing = end < 0
            # no closing quote: the template's own comment ("# write irt, ...") is not the answer
            value = re.split(r"\s+#", line, maxsplit=1)[0].rstrip() if missing else line[:end]
        if missing:
            why = "its closing quotes are missing"
        return Answer(name, value, True, (Note(f"read the answer from the cell's text ({why})", guess=True),))
    line = re.split(r"\s+#", rest.split("\n", 1)[0], maxsplit=1)[0].strip()
    try:
        value: Any = ast.literal_eval(line)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        value = line
    return Answer(name, value, True, (Note(f"read {shown_code(line)} from the cell's text ({why})", guess=True),))
