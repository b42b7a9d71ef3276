"""Reading an answer written in YAML form the way a non-programmer writes it.

The strict YAML reader comes first. When it fails (a line indented one space too far, a colon or
quote inside a sentence, a missing '- '), the answer is read again line by line, and each line is
put where its field belongs: the fields of an answer have names that say where they go (``milestone``
belongs to a commitment, ``next_meeting`` to the follow-up), so indentation only breaks ties.
Every line read differently from the strict reading is noted with its line number; a line that
names no field is left out and named.

Then the values are brought to their fields' types (numbers, dates, yes/no, lists, the stage of a
phase), and the model is validated item by item: an item that still does not fit is left out with
a located, plain message, and the rest is kept.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError

from ..inputs.problems import FieldPath, Problem, describe_path, line_for, validation_errors
from ..inputs.yamlfile import InputError, read_yaml
from .reading import Note
from .lines import LineReader
from .shapes import Read, inner_type


def read_answer(text: str, shape: Any, file: str = "your answer") -> Read:
    """Strict YAML when it reads; otherwise line by line, with a note for the trainer."""
    try:
        data, lines = read_yaml(text or "", file)
        return Read(data, lines)
    except InputError as exc:
        where = exc.problems[0].line if exc.problems else None
    read = read_by_lines(text, shape)
    read.notes.insert(0, Note(f"the answer is not laid out as YAML expects{f' (around line {where})' if where else ''}, "
                              "so it was read line by line", guess=True))
    return read


def read_by_lines(text: str, shape: Any) -> Read:
    """The answer read line by line, each line put where its field belongs."""
    return LineReader(text or "", shape).run()


# --- validation, item by item ----------------------------------------------------------------------


def validate(model: type[BaseModel], data: Any, read: Read, file: str = "your answer", limit: int = 60):
    """The model from ``data``, leaving out (with a located, plain message) each item or field that
    does not fit, so one slip never costs the rest. Returns None when what is left still cannot be
    used (a required part of the whole answer is missing or wrong); ``read.problems`` says why."""
    dropped: set[FieldPath] = set()
    for _ in range(limit):
        view, origin = _without(data, dropped)
        try:
            return model.model_validate(view)
        except ValidationError as exc:
            errors = validation_errors(exc, model=model, data=view)
        progress = False
        for path, message in errors:
            where = _origin(origin, path)
            line = line_for(read.lines, where)
            target = _droppable(model, view, path)
            if target is None:
                read.problems.append(Problem(file=file, line=line, field=describe_path(where) or None, message=message))
                continue
            part, what = target
            dropped.add(_origin(origin, part))
            read.left_out.append(_origin(origin, part))
            progress = True
            message = message.replace("write dates as YYYY-MM-DD, e.g. 2026-08-30", "write it like 2026-11-20, "
                                      "11/20/2026 or Nov 20, 2026").rstrip(".")
            read.problems.append(Problem(file=file, line=line, field=describe_path(where) or None,
                                         message=f"{message}. {what} was left out."))
        if not progress:
            return None
    return None


def _without(data: Any, dropped: set[FieldPath], path: FieldPath = ()) -> tuple[Any, dict[FieldPath, FieldPath]]:
    """``data`` with the dropped parts left out, and where each remaining part sat in ``data``."""
    origin: dict[FieldPath, FieldPath] = {}

    def walk(node: Any, here: FieldPath, there: FieldPath) -> Any:
        origin[here] = there
        if isinstance(node, dict):
            return {k: walk(v, here + (k,), there + (k,)) for k, v in node.items() if there + (k,) not in dropped}
        if isinstance(node, list):
            kept = [(i, v) for i, v in enumerate(node) if there + (i,) not in dropped]
            return [walk(v, here + (j,), there + (i,)) for j, (i, v) in enumerate(kept)]
        return node

    return walk(data, path, path), origin


def _origin(origin: dict[FieldPath, FieldPath], path: FieldPath) -> FieldPath:
    for cut in range(len(path), -1, -1):
        if path[:cut] in origin:
            return origin[path[:cut]] + path[cut:]
    return path


def _droppable(model: type[BaseModel], data: Any, path: FieldPath) -> tuple[FieldPath, str] | None:
    """The smallest part holding the error that may be left out: an optional field, or a list item."""
    for cut in range(len(path), 0, -1):
        part = path[:cut]
        if isinstance(part[-1], int):
            return part, "That item"
        if _optional(model, part) and _exists(data, part):
            return part, "That line"
    return None


def _optional(model: type[BaseModel], path: FieldPath) -> bool:
    current: Any = model
    for i, part in enumerate(path):
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", {})
        if part not in fields:
            return i == len(path) - 1  # a field the model does not know may always go
        info = fields[part]
        if i == len(path) - 1:
            return not info.is_required()
        current = inner_type(info.annotation)
    return False



def _exists(data: Any, path: FieldPath) -> bool:
    node = data
    for part in path:
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
        else:
            return False
    return True
