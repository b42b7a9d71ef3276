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

import datetime as dt
import re
import types
import typing
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from pydantic import BaseModel, ValidationError

from ..inputs.problems import FieldPath, Problem, describe_path, line_for, validation_errors
from ..inputs.yamlfile import CasebookError, read_yaml
from .reading import Choice, Note, fold, read_choice, read_date, read_number, read_yes_no, shown, distance

TEXT_LIST = "text list"  # the shape of a list of plain values
ANY_KEY = "*"  # in a shape: a group whose keys are ids the learner chooses (program_records › state-vr)

#: Words learners use for a field's name, beside the name itself (folded, spaces for underscores).
KEY_SYNONYMS = {"wage": "hourly_wage", "pay": "hourly_wage", "hourly pay": "hourly_wage", "hours": "weekly_hours",
                "hours a week": "weekly_hours", "hours per week": "weekly_hours", "job": "job_title", "title": "job_title",
                "contact": "point_of_contact", "who": "responsible", "owner": "responsible", "owners": "responsible",
                "due date": "due", "by when": "due", "when": "due", "crisis": "crisis_plan", "next": "next_meeting",
                "shared": "shared_information", "what is shared": "shared_information", "frequency of updates": "frequency"}

#: Usual words for the stages of a plan (beside each stage's word and label).
STAGE_WORDS = {"preparation": ("prep", "preparing", "getting ready", "before", "before training", "planning"),
               "training": ("school", "course", "studying", "in training", "education"),
               "job_search": ("job hunting", "looking for work", "search", "placement", "job search and placement",
                              "job development", "interviews"),
               "early_employment": ("employment", "early employment", "on the job", "first months", "first months on the job",
                                    "working", "after placement", "new job", "starting work", "at work"),
               "long_term": ("long term", "long term support", "retention", "follow along", "after the first months")}


def shape_of(model: type[BaseModel]) -> dict:
    """The fields an answer may hold, nested: a dict for a group of fields, [dict] for a list of groups."""
    return {name: _shape(f.annotation) for name, f in model.model_fields.items()}


def _shape(annotation: Any) -> Any:
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        return _shape(args[0])
    if origin in (typing.Union, types.UnionType):
        shapes = [_shape(a) for a in args if a is not type(None)]
        return next((s for s in shapes if s is not None), None)
    if origin is list:
        inner = args[0] if args else str
        return [shape_of(inner)] if _is_model(inner) else TEXT_LIST
    if origin is dict and len(args) == 2 and _is_model(args[1]):
        return {ANY_KEY: shape_of(args[1])}
    return shape_of(annotation) if _is_model(annotation) else None


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


@dataclass
class Read:
    """An answer read into plain data: where each part sat, how it had to be read, what was left out."""

    data: Any
    lines: dict[FieldPath, int]
    notes: list[Note] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    strict: bool = True  # the strict YAML reading worked
    left_out: list[FieldPath] = field(default_factory=list)  # the parts validation had to leave out


def read_answer(text: str, shape: Any, file: str = "your answer") -> Read:
    """Strict YAML when it reads; otherwise line by line, with a note for the trainer."""
    try:
        data, lines = read_yaml(text or "", file)
        return Read(data, lines)
    except CasebookError as exc:
        where = exc.problems[0].line if exc.problems else None
    read = read_by_lines(text, shape)
    read.notes.insert(0, Note(f"the answer is not laid out as YAML expects{f' (around line {where})' if where else ''}, "
                              "so it was read line by line", guess=True))
    return read


def read_by_lines(text: str, shape: Any) -> Read:
    """The answer read line by line, each line put where its field belongs."""
    return _LineReader(text or "", shape).run()


# --- line by line ----------------------------------------------------------------------------------


@dataclass
class _Open:
    shape: Any  # dict, [dict] or TEXT_LIST
    node: Any  # the dict or list being filled
    path: FieldPath
    indent: int
    first_indent: int | None = None  # of the first line placed in it


_KEY = re.compile(r"^([A-Za-z_][\w \-]{0,40}?)\s*:(?=\s|$)\s*(.*)$")


class _LineReader:
    def __init__(self, text: str, shape: Any):
        self.lines = text.split("\n")
        self.shape = shape
        self.data: Any = [] if isinstance(shape, list) else {}
        self.where: dict[FieldPath, int] = {(): 1}
        self.notes: list[Note] = []
        self.problems: list[Problem] = []
        self.stack = [_Open(shape, self.data, (), -1)]
        self.pending: tuple[dict, str, FieldPath, int, bool] | None = None  # a text value that may go on

    def run(self) -> Read:
        for number, raw in enumerate(self.lines, 1):
            self._line(number, raw.replace("\t", "    "))
        return Read(self.data, self.where, self.notes, self.problems, strict=False)

    # -- one line

    def _line(self, number: int, raw: str) -> None:
        content = _without_comment(raw).rstrip()
        if not content.strip():
            return
        indent = len(content) - len(content.lstrip())
        content = content.strip()
        if self.pending and self.pending[4] and indent > self.pending[3]:  # inside a '>' or '|' block
            self._go_on(content)
            return
        item = bool(re.match(r"^-(\s|$)", content))
        if item:  # the item's first field sits where the text after '- ' starts
            after = content[1:].lstrip()
            indent += len(content) - len(after)
            content = after.strip()
        if item and self.stack[-1].shape == TEXT_LIST:  # '- Milestone dates (...)': an item of a list of texts
            self.stack[-1].node.append(_unquote(content))
            self.where[self.stack[-1].path + (len(self.stack[-1].node) - 1,)] = number
            return
        if content.startswith("{"):
            pairs = _flow_mapping(content, self._known)
            if pairs:
                self._place(number, indent, item, pairs[0][0], "", flow=pairs)
                return
        found = self._key(content)
        if not found and not item and (m := re.match(r"^([A-Za-z_]+)\s+(\S.*)$", content)) and (name := self._known(m.group(1))):
            found = name, m.group(2)  # 'weekly_hours 25': the colon is missing
            self.notes.append(Note.at(number, f"read '{shown(content)}' as '{name}: {shown(m.group(2))}' "
                                   "(the colon is missing)", guess=True))
        if found:
            self._place(number, indent, item, found[0], found[1])
            return
        if self.pending and indent > self.pending[3] and not item:  # a long text going on over lines
            self._go_on(content)
            return
        if item and content:
            target = self._open_text_list()
            if target is not None:
                target.node.append(_unquote(content))
                self.where[target.path + (len(target.node) - 1,)] = number
                return
        self.problems.append(Problem(file="your answer", line=number,
                                     message=f"'{shown(content)}' names no part of the answer, so it was left out."))

    def _key(self, content: str) -> tuple[str, str] | None:
        m = _KEY.match(content)
        if m and (name := self._known(m.group(1))):
            return name, m.group(2)
        if m and ANY_KEY in self.stack[-1].shape and re.fullmatch(r"[a-z0-9][a-z0-9-]*", m.group(1).strip()):
            return m.group(1).strip(), m.group(2)  # an id as the key of a keyed group ('state-vr: {...}')
        m = re.match(r"^([A-Za-z_]+):(\S.*)$", content)  # a missing space after the colon
        if m and (name := self._known(m.group(1))):
            return name, m.group(2)
        return None

    def _is_id_key(self, context: _Open, name: str) -> bool:
        """An id written as a key of a keyed group: not a field name anywhere in the answer."""
        return ANY_KEY in context.shape and name not in _all_keys(self.shape)

    def _known(self, word: str) -> str | None:
        """A field name from what the learner wrote (case, spaces, a slip, a usual synonym forgiven)."""
        folded = fold(word.replace("_", " "))
        names = _all_keys(self.shape)
        as_key = folded.replace(" ", "_")
        if as_key in names:
            return as_key
        if folded in KEY_SYNONYMS and KEY_SYNONYMS[folded] in names:
            return KEY_SYNONYMS[folded]
        close = [n for n in names if len(as_key) >= 5 and distance(as_key, n, 2) <= 2]
        return close[0] if len(close) == 1 else None

    # -- placing a field

    def _place(self, number: int, indent: int, item: bool, name: str, value: str, flow: list | None = None) -> None:
        self.pending = None
        if item:
            target = self._list_for(name)
            if target is None:
                self.problems.append(Problem(file="your answer", line=number,
                                             message=f"a list item starting with '{name}' fits nowhere here, so it was left out."))
                return
            self._start_item(target, number, indent)
        else:
            target = self._mapping_for(name, number, indent)
            if target is None:
                self.problems.append(Problem(file="your answer", line=number,
                                             message=f"'{name}' does not belong where it is written, so this line was left out."))
                return
        context = self.stack[-1]
        if context.first_indent is None:
            context.first_indent = indent
        elif indent != context.first_indent and not item:
            self.notes.append(Note(f"line {number} is indented differently from the lines around it; '{name}' was read "
                                   f"where it belongs ({_label(context.path)})", True, number))
        for key, text in (flow or [(name, value)]):
            if key not in context.shape and not self._is_id_key(context, key):
                continue
            self._set(context, key, text, number, indent)
        if flow:
            self.pending = None  # '{...}' ends on its line

    def _set(self, context: _Open, name: str, value: str, number: int, indent: int) -> None:
        shape = context.shape[name] if name in context.shape else context.shape[ANY_KEY]
        path = context.path + (name,)
        self.where[path] = number
        value = value.strip()
        if isinstance(shape, dict):
            context.node[name] = child = {}
            opened = _Open(shape, child, path, indent)
            if not value.startswith("{"):
                self.stack.append(opened)  # its fields follow on the next lines
            for key, text in (_flow_mapping(value, self._known) if value.startswith("{") else []):
                if key in shape:
                    self._set(opened, key, text, number, indent)
            return
        if isinstance(shape, list) or shape == TEXT_LIST:
            context.node[name] = items = []
            if value.startswith("["):
                items.extend(_unquote(x) for x in _split_flow(value.strip("[]")))
            elif value and shape == TEXT_LIST:
                items.append(_unquote(value))
            else:
                self.stack.append(_Open(shape, items, path, indent))  # its items follow on the next lines
            return
        if value in (">", "|", ">-", "|-", ">+", "|+"):
            context.node[name] = ""
            self.pending = (context.node, name, path, indent, True)
            return
        context.node[name] = _unquote(value) if value else None
        self.pending = (context.node, name, path, indent, False)

    def _go_on(self, content: str) -> None:
        node, name, _path, _indent, _block = self.pending
        before = node.get(name) or ""
        node[name] = (f"{before} {content}" if before else content).strip()

    def _mapping_for(self, name: str, number: int, indent: int) -> _Open | None:
        """The innermost open group that has this field; a field it already holds starts the next item."""
        for depth in range(len(self.stack) - 1, -1, -1):
            ctx = self.stack[depth]
            if not isinstance(ctx.shape, dict) or not (name in ctx.shape or self._is_id_key(ctx, name)):
                continue
            del self.stack[depth + 1:]
            parent = self.stack[depth - 1] if depth > 0 else None
            if name in ctx.node and parent is not None and isinstance(parent.shape, list):
                self.notes.append(Note(f"line {number} repeats '{name}', so it was read as the start of a new item "
                                       "(a '- ' may be missing)", True, number))
                self.stack.pop()
                self._start_item(parent, number, indent)
            return self.stack[-1]
        for depth in range(len(self.stack) - 1, -1, -1):  # a list of groups not yet opened ('- ' missing)
            ctx = self.stack[depth]
            if isinstance(ctx.shape, list) and name in ctx.shape[0]:
                del self.stack[depth + 1:]
                self._start_item(ctx, number, indent)
                self.notes.append(Note(f"line {number} was read as a new item of {_label(ctx.path)} (a '- ' may be missing)",
                                       True, number))
                return self.stack[-1]
        return None

    def _list_for(self, name: str) -> _Open | None:
        """The innermost open list whose items have this field (an item's first field)."""
        for depth in range(len(self.stack) - 1, -1, -1):
            ctx = self.stack[depth]
            if isinstance(ctx.shape, list) and name in ctx.shape[0]:
                del self.stack[depth + 1:]
                return ctx
        return None

    def _open_text_list(self) -> _Open | None:
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth].shape == TEXT_LIST:
                del self.stack[depth + 1:]
                return self.stack[depth]
        return None

    def _start_item(self, target: _Open, number: int, indent: int) -> None:
        if target.first_indent is None:
            target.first_indent = indent
        elif indent != target.first_indent:
            self.notes.append(Note(f"line {number} is indented differently from the items above it; it was read as "
                                   f"another item of {_label(target.path)}", True, number))
        item: dict = {}
        target.node.append(item)
        path = target.path + (len(target.node) - 1,)
        self.where[path] = number
        self.stack.append(_Open(target.shape[0], item, path, indent))


def _all_keys(shape: Any, found: set[str] | None = None) -> set[str]:
    found = set() if found is None else found
    if isinstance(shape, list):
        return _all_keys(shape[0], found)
    if isinstance(shape, dict):
        for name, inner in shape.items():
            if name != ANY_KEY:
                found.add(name)
            _all_keys(inner, found)
    return found


def _label(path: FieldPath) -> str:
    return describe_path(path).replace("_", " ") or "the top level of the answer"


def _without_comment(line: str) -> str:
    """The line before a ' #' comment that sits outside quotes."""
    quote = None
    for i, ch in enumerate(line):
        if quote:
            quote = None if ch == quote else quote
        elif ch in "\"'" and (i == 0 or line[i - 1] in " :[{,-"):
            quote = ch
        elif ch == "#" and (i == 0 or line[i - 1] in " \t"):
            return line[:i]
    return line


def _unquote(text: str) -> str:
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        return text[1:-1]
    return text.strip("\"'") if text[:1] in "\"'" or text[-1:] in "\"'" else text


def _split_flow(text: str) -> list[str]:
    return [x.strip() for x in text.split(",") if x.strip()]


def _flow_mapping(text: str, known) -> list[tuple[str, str]]:
    """'{partner: cwic, milestone: Step 1: a summary, before she applies}': split only where a field's
    name follows a comma, so commas and colons inside a sentence stay in it."""
    inner = text.strip()
    inner = inner[1:] if inner.startswith("{") else inner
    inner = inner[:-1] if inner.endswith("}") else inner
    spots = [(m.start(), m.end(), name) for m in re.finditer(r"(?:^|,)\s*([A-Za-z_][\w ]{0,30}?)\s*:", inner)
             if (name := known(m.group(1)))]
    pairs = []
    for i, (start, end, name) in enumerate(spots):
        stop = spots[i + 1][0] if i + 1 < len(spots) else len(inner)
        pairs.append((name, inner[end:stop].strip()))
    return pairs


def answer_lines(text: str) -> list[tuple[int, str, str]]:
    """(line number, field, value) for each 'field: value' line, whatever its indentation; a line with
    no colon is split after the first words that the caller can read as a field (``field`` then ends
    with a tab, so the caller knows it was a guess)."""
    out = []
    for number, raw in enumerate((text or "").split("\n"), 1):
        line = re.split(r"(?:^|\s)#", raw, maxsplit=1)[0].strip().lstrip("-").strip()
        if not line:
            continue
        m = re.match(r"^([^:=]+?)\s*[:=]\s*(.*)$", line)
        if m:
            out.append((number, m.group(1).strip().strip("\"'"), m.group(2).strip()))
        else:
            out.append((number, line + "\t", ""))
    return out



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
        if isinstance(value, str) and not _is_model(inner):
            items = _split_names(value) if _is_id(inner) else [value]
            if len(items) > 1 or _is_id(inner):
                note_at(read, path, f"read '{shown(value)}' as a list of {len(items)}")
        elif isinstance(value, dict) and _is_model(inner):
            items = [value]
            note_at(read, path, "read a single item as a list of one")
        if not isinstance(items, list):
            return value
        if _is_id(inner) and any(isinstance(v, str) and len(_split_names(v)) > 1 for v in items):
            items = [name for v in items for name in (_split_names(v) if isinstance(v, str) else [v])]
            note_at(read, path, f"read {shown(', '.join(map(str, items)))} as a list of {len(items)}")
        return [_value(v, inner, read, context, path + (i,)) for i, v in enumerate(items)]
    if _is_model(annotation):
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
        inner = _inner(annotation)
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
        current = _inner(info.annotation)
    return False


def _inner(annotation: Any) -> Any:
    if _is_model(annotation):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner(arg)
        if found is not None:
            return found
    return None


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
