"""Bringing the values of an answer read into plain data to their fields' types: numbers, dates,
yes/no, lists, ids from names, the stage of a phase."""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
from dataclasses import dataclass
from enum import Enum
from typing import Any

from pydantic import BaseModel

from ..inputs.problems import FieldPath, line_for
from .reading import Choice, Note, fold, read_choice, read_date, read_number, read_yes_no, shown, distance
from .shapes import KEY_SYNONYMS, STAGE_WORDS, Read, inner_type, is_model

# --- values to their fields' types -----------------------------------------------------------------


@dataclass
class Context:
    """What the value readers need to know: the date that years are counted from."""

    after: dt.date | None = None


def coerce(data: Any, model: type[BaseModel], read: Read, context: Context, path: FieldPath = ()) -> Any:
    """Bring each value to its field's type, noting every reading that was not word for word."""
    if not isinstance(data, dict):
        return data
    out: dict = {}
    last_text: tuple[str, str] | None = None  # the field before, when the learner wrote it as text
    for name, value in data.items():
        target = name
        if name not in model.model_fields:
            guessed = _key_for(name, model)
            if guessed is None and value is None and last_text is not None:  # '{due: Nov 30, 2026, ...}'
                field_name, before = last_text
                merged = f"{before}, {name}"
                out[field_name] = _value(merged, model.model_fields[field_name].annotation, read, context,
                                         path + (field_name,))
                last_text = (field_name, merged)
                note_at(read, path + (field_name,), f"kept '{shown(name)}' as part of the {field_name.replace('_', ' ')} "
                        "(a comma inside the text)")
                continue
            if guessed is None:
                out[name] = value
                continue
            note_at(read, path + (name,), f"read the field '{shown(name)}' as '{guessed}'")
            target = guessed
        info = model.model_fields[target]
        annotation = info.annotation
        if any(getattr(m, "pattern", None) for m in info.metadata):  # an id field (pydantic keeps its pattern here)
            annotation = typing.Annotated[annotation, *info.metadata]
        out[target] = _value(value, annotation, read, context, path + (target,))
        last_text = (target, value) if isinstance(value, str) else None
    return out


def _key_for(name: str, model: type[BaseModel]) -> str | None:
    folded = fold(str(name).replace("_", " "))
    as_key = folded.replace(" ", "_")
    if as_key in model.model_fields:
        return as_key
    if KEY_SYNONYMS.get(folded) in model.model_fields:
        return KEY_SYNONYMS[folded]
    close = [n for n in model.model_fields if len(as_key) >= 5 and distance(as_key, n, 2) <= 2]
    return close[0] if len(close) == 1 else None


def note_at(read: Read, path: FieldPath, text: str, guess: bool = False) -> None:
    """A note on how one part of the answer was read, with its line."""
    line = line_for(read.lines, path)
    read.notes.append(Note.at(line, text, guess))


def _value(value: Any, annotation: Any, read: Read, context: Context, path: FieldPath) -> Any:
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        return _value(value, args[0], read, context, path)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in args if a is not type(None)]
        if value is None or (isinstance(value, str) and not value.strip() and type(None) in args):
            return None
        if any(typing.get_origin(a) is typing.Literal and "ongoing" in typing.get_args(a) for a in options):
            if isinstance(value, str) and fold(value) in ("ongoing", "on going", "continuing", "every month", "monthly",
                                                           "each month", "throughout", "as needed"):
                if value.strip() != "ongoing":
                    note_at(read, path, f"read '{shown(value)}' as ongoing")
                return "ongoing"
        return _value(value, options[0], read, context, path) if len(options) == 1 else _first_fit(value, options, read, context, path)
    if origin is list:
        inner = args[0] if args else str
        items = value
        if isinstance(value, str) and not is_model(inner):
            items = _split_names(value) if _is_id(inner) else [value]
            if len(items) > 1 or _is_id(inner):
                note_at(read, path, f"read '{shown(value)}' as a list of {len(items)}")
        elif isinstance(value, dict) and is_model(inner):
            items = [value]
            note_at(read, path, "read a single item as a list of one")
        if not isinstance(items, list):
            return value
        if _is_id(inner) and any(isinstance(v, str) and len(_split_names(v)) > 1 for v in items):
            items = [name for v in items for name in (_split_names(v) if isinstance(v, str) else [v])]
            note_at(read, path, f"read {shown(', '.join(map(str, items)))} as a list of {len(items)}")
        return [_value(v, inner, read, context, path + (i,)) for i, v in enumerate(items)]
    if is_model(annotation):
        return coerce(value, annotation, read, context, path) if isinstance(value, dict) else value
    if annotation is float or annotation is int:
        if isinstance(value, str):
            r = read_number(value)
            if r.ok and r.value is not None:
                for n in r.notes:
                    note_at(read, path, n.text, n.guess)
                return r.value
        return value
    if annotation is bool and not isinstance(value, bool) and value is not None:
        r = read_yes_no(value)
        if r.ok:
            return r.value
        return value
    if annotation is dt.date and isinstance(value, str):
        r = read_date(value, after=context.after)
        if r.ok and r.value is not None:
            for n in r.notes:
                note_at(read, path, n.text, n.guess)
            return r.value
        return value
    if isinstance(annotation, type) and issubclass(annotation, Enum) and isinstance(value, str):
        return _choose(value, [Choice(m.value, (getattr(m, "label", ""), m.value.replace("_", " "),
                                                *STAGE_WORDS.get(m.value, ()))) for m in annotation], read, path)
    if typing.get_origin(annotation) is typing.Literal and isinstance(value, str):
        return _choose(value, [Choice(v, (v.replace("_", " "),)) for v in typing.get_args(annotation)], read, path)
    if annotation is str and isinstance(value, list):
        note_at(read, path, "joined a list into one text")
        return "; ".join(str(v) for v in value)
    if annotation is str and isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"{value:g}" if isinstance(value, float) else str(value)
    return value


def as_ids(data: Any, model: type[BaseModel]) -> Any:
    """Every name still written where an id goes, made an id ('bus buddy' -> 'bus-buddy'): so the answer
    validates, and the checker can say that nothing in the casebook has that id."""
    if not isinstance(data, dict):
        return data
    out = dict(data)
    for name, info in model.model_fields.items():
        if name not in out:
            continue
        annotation = info.annotation
        if any(getattr(m, "pattern", None) for m in info.metadata):
            out[name] = _slug(out[name])
            continue
        inner = inner_type(annotation)
        if inner is not None and isinstance(out[name], list):
            out[name] = [as_ids(v, inner) for v in out[name]]
        elif inner is not None:
            out[name] = as_ids(out[name], inner)
        elif typing.get_origin(annotation) is list and _is_id((typing.get_args(annotation) or (None,))[0]) \
                and isinstance(out[name], list):
            out[name] = [_slug(v) for v in out[name]]
    return out


def _slug(value: Any) -> Any:
    if isinstance(value, str) and not re.fullmatch(r"[a-z0-9][a-z0-9-]*", value):
        return re.sub(r"[^a-z0-9]+", "-", fold(value)).strip("-") or value
    return value


def _first_fit(value, options, read, context, path):
    for option in options:
        result = _value(value, option, read, context, path)
        if result is not value:
            return result
    return value


def _choose(value: str, choices: list[Choice], read: Read, path: FieldPath) -> str:
    r = read_choice(value, choices, what="word")
    if r.ok and r.value is not None:
        if r.value != value:
            note_at(read, path, f"read '{shown(value)}' as '{r.value}'", guess=any(n.guess for n in r.notes))
        return r.value
    return value


def _is_id(annotation: Any) -> bool:
    """An id field: a string with a pattern (directly, or in the FieldInfo pydantic keeps in Annotated)."""
    if typing.get_origin(annotation) is not typing.Annotated:
        return False
    return any(getattr(m, "pattern", None) or any(getattr(x, "pattern", None) for x in getattr(m, "metadata", []))
               for m in typing.get_args(annotation)[1:])


def _split_names(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\s*(?:,|;|/|&|\band\b)\s*", text) if p.strip()]
