"""Problems with input files, told in plain words with file, line and field.

A ``Problem`` is what a trainer sees when a casebook file cannot be used: one line naming the
file, the line, the field and what to do. Pydantic's validation errors are translated here so
nobody downstream ever shows a raw ValidationError or a traceback.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from pydantic import BaseModel, ValidationError

FieldPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file."""

    file: str
    message: str
    line: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = printable(self.file, 300) + (f", line {self.line}" if self.line else "")
        what = f"{printable(self.field, 200)}: " if self.field else ""
        return f"{where}: {what}{printable(self.message, 2000)}"


def printable(text: object, most: int = 80) -> str:
    """Text from a file, a folder name or a learner, fit to print: control characters (a terminal's
    escape codes among them) written out as escapes, and cut to ``most`` characters."""
    out = "".join(c if c.isprintable() else repr(c)[1:-1] for c in str(text))
    return out if len(out) <= most else out[: most - 1] + "…"


def describe_path(path: FieldPath) -> str:
    """('action_items', 2, 'due') -> 'action_items › 3 › due' (items counted from 1, as people count)."""
    return " › ".join(str(p + 1) if isinstance(p, int) else p for p in path)


def line_for(lines: dict[FieldPath, int], path: FieldPath) -> int | None:
    """The line of the deepest part of ``path`` that the YAML file has (a missing field points at its parent)."""
    for cut in range(len(path), -1, -1):
        if path[:cut] in lines:
            return lines[path[:cut]]
    return None


def _suggest(word: str, choices: Iterable[str]) -> str:
    choices = list(choices)
    word = str(word).strip().lower()
    starts = [c for c in choices if len(word) >= 3 and c.startswith(word)]
    close = starts[:1] or difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f" Did you mean '{close[0]}'?" if close else ""


def _model_fields(model: type[BaseModel], path: FieldPath) -> list[str]:
    """Field names allowed at ``path`` inside ``model`` (for 'did you mean' hints)."""
    current: Any = model
    for part in path:
        if isinstance(part, int) or current is None:
            continue
        field = getattr(current, "model_fields", {}).get(part)
        if field is None:
            return []
        current = _inner_model(field.annotation)
    return list(getattr(current, "model_fields", {}).keys())


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _plain_message(err: dict[str, Any], model: type[BaseModel], path: FieldPath) -> str:
    kind = err["type"]
    value = err.get("input")
    ctx = err.get("ctx") or {}
    shown = printable(repr(value) if not isinstance(value, str) else f"'{value}'", 120)
    if kind == "missing":
        return f"the required field '{path[-1]}' is missing." if path else "a required field is missing."
    if kind == "extra_forbidden":
        allowed = _model_fields(model, path[:-1])
        return f"'{path[-1]}' is not a field here.{_suggest(str(path[-1]), allowed)}" + (
            f" Fields allowed here: {', '.join(allowed)}." if allowed else ""
        )
    if kind == "enum":
        choices = [c.strip(" '") for c in str(ctx.get("expected", "")).replace(" or ", ", ").split(",") if c.strip()]
        return f"{shown} is not one of the allowed words.{_suggest(str(value), choices)} Allowed: {', '.join(choices)}."
    if kind == "literal_error":
        return f"{shown} is not allowed here; use one of {ctx.get('expected')}."
    if kind.startswith("date") or kind.startswith("datetime"):
        return f"{shown} is not a date; write dates as YYYY-MM-DD, e.g. 2026-08-30."
    if kind in ("float_parsing", "float_type", "int_parsing", "int_type", "int_from_float"):
        return f"{shown} is not a number; write a plain number such as 30 or 15.50."
    if kind in ("bool_parsing", "bool_type"):
        return f"{shown} should be true or false."
    if kind in ("string_type",):
        return f"{shown} should be text."
    if kind in ("list_type", "tuple_type", "set_type"):
        return f"{shown} should be a list: one item per line, each starting with '- '."
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"{shown} should be a group of 'field: value' lines, indented under this field."
    if kind == "string_pattern_mismatch":
        return f"{shown} is not a valid id; use lower-case letters, digits and hyphens, e.g. 'county-vr'."
    if kind in ("too_short",):
        return "this list is empty; it needs at least one item." if isinstance(value, list) else "this cannot be empty."
    if kind == "string_too_short":
        return "this cannot be empty."
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        limit = next(iter(ctx.values()), "?")
        word = {"greater_than": "more than", "greater_than_equal": "at least", "less_than": "less than",
                "less_than_equal": "at most"}[kind]
        return f"{shown} is out of range; it must be {word} {limit}."
    if kind == "value_error":
        return str(ctx.get("error", err.get("msg", ""))).removeprefix("Value error, ")
    return str(err.get("msg", "this value is not valid here.")).removeprefix("Value error, ")


def _clean_loc(loc: tuple[Any, ...], data: Any, model: type[BaseModel]) -> FieldPath:
    """Keep the parts of a pydantic location that name something in the file or a field of the
    model (a missing field); drop what pydantic adds for union branches ('date', 'literal[...]')."""
    path: list[str | int] = []
    node = data
    for part in loc:
        if isinstance(node, dict) and part in node:
            path.append(part)
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            path.append(part)
            node = node[part]
        elif isinstance(node, dict) and part in _model_fields(model, tuple(path)):
            path.append(part)  # a required field that the file leaves out
            node = None
    return tuple(path)


def validation_errors(error: ValidationError, *, model: type[BaseModel], data: Any) -> list[tuple[FieldPath, str]]:
    """Each distinct error as (where in the data, what is wrong in plain words); union branches of
    one field collapse to one."""
    seen: set[FieldPath] = set()
    out: list[tuple[FieldPath, str]] = []
    for err in error.errors(include_url=False):
        path = _clean_loc(tuple(err["loc"]), data, model)
        if path not in seen:
            seen.add(path)
            out.append((path, _plain_message(err, model, path)))
    return out


def problems_from_validation(
    error: ValidationError, *, model: type[BaseModel], data: Any, lines: dict[FieldPath, int], file: str
) -> list[Problem]:
    """One Problem per distinct error, in file order."""
    out = [Problem(file=file, line=line_for(lines, path), field=describe_path(path) or None, message=message)
           for path, message in validation_errors(error, model=model, data=data)]
    return sorted(out, key=lambda p: (p.line or 0))


def display_path(path: Path, root: Path | None = None) -> str:
    """A short, readable path for messages (relative to ``root`` or the working folder when possible)."""
    import os

    here = Path(os.path.abspath(path))  # the path as given: a link is named as itself, not as its target
    for base in (root, Path.cwd()):
        if base is None:
            continue
        try:
            return str(here.relative_to(Path(os.path.abspath(base))))
        except ValueError:
            try:
                return str(path.resolve().relative_to(base.resolve()))
            except ValueError:
                continue
    return str(path)
