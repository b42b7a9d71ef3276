"""Reading one YAML input file into a validated model, with line numbers for every field.

Used for casebook files, the simulator's parameters and the IPS scale. A file that cannot be used
raises ``InputError`` carrying plain-language problems that name file, line and field.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from .problems import FieldPath, Problem, line_for, problems_from_validation

M = TypeVar("M", bound=BaseModel)


class InputError(Exception):
    """A text that cannot be used as it is (a file, a packaged data file, a learner's answer):
    carries the located, plain problems that say why."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


class CasebookError(InputError):
    """A casebook file (or a plan checked against a casebook) that cannot be used at all."""


# --- reading YAML with line numbers ---------------------------------------------------------


def _plain(node: Any, path: FieldPath, lines: dict[FieldPath, int]) -> Any:
    """Turn ruamel's round-trip nodes into plain Python, noting the line of every key and item."""
    if isinstance(node, CommentedMap):
        out = {}
        for key in node:
            line = node.lc.key(key)[0] + 1
            lines[path + (str(key),)] = line
            out[str(key)] = _plain(node[key], path + (str(key),), lines)
        return out
    if isinstance(node, CommentedSeq):
        items = []
        for i, item in enumerate(node):
            lines[path + (i,)] = node.lc.item(i)[0] + 1
            items.append(_plain(item, path + (i,), lines))
        return items
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, str):
        return str(node)
    return str(node)  # any other scalar (a tagged value) is taken as its text


#: What one input file may be: the largest casebook file is about 30 KB, so these leave room for a
#: trainer's long file and none for a file built to take the machine's memory.
MAX_BYTES = 1_000_000  # the same as irt_sim.inputs.inputfile's, for text that comes from elsewhere (a notebook)
MAX_VALUES = 100_000  # every value counted each time an alias repeats it
_PLAIN_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")}


class _Refused(Exception):
    def __init__(self, line: int | None, message: str):
        super().__init__(message)
        self.line, self.message = line, message


def _check_nodes(root: Any) -> None:
    """Refuse, before anything is built, what the casebook format does not use and what would cost
    far more than the text: tags, merge keys and aliases that repeat a part past MAX_VALUES."""
    seen = 0
    todo = [root]
    while todo:
        node = todo.pop()
        seen += 1
        if seen > MAX_VALUES:
            raise _Refused(None, f"this file would expand to more than {MAX_VALUES:,} values (anchors and aliases "
                                 "repeat parts of it inside each other); write the values out.")
        line = node.start_mark.line + 1 if getattr(node, "start_mark", None) else None
        tag = str(node.tag)
        if tag == "tag:yaml.org,2002:merge":
            raise _Refused(line, "merge keys ('<<: *name') are not used in casebook files; write the fields out.")
        if tag not in _PLAIN_TAGS:
            tag = tag.replace("tag:yaml.org,2002:", "!!")
            raise _Refused(line, f"'{tag[:40]}' is a YAML tag, which casebook files do not use; remove it and write "
                                 "a plain value, list or group of fields.")
        if isinstance(node.value, list):
            _cut_at_a_comma(node)
            for item in node.value:
                todo.extend(item if isinstance(item, tuple) else (item,))


def _cut_at_a_comma(node: Any) -> None:
    """A list written on one line (``[a, b]``) splits at every comma, even inside brackets: ``[her
    schedule (yes or no, and when)]`` is two items, 'her schedule (yes or no' and 'and when)'. Refused
    with the fix, for unquoted items only (a quoted item means what it says)."""
    if not getattr(node, "flow_style", False):
        return
    plain = [n for n in node.value if isinstance(getattr(n, "value", None), str) and not getattr(n, "style", None)]
    for first, second in zip(plain, plain[1:]):
        if first.value.count("(") > first.value.count(")") and second.value.count(")") > second.value.count("("):
            line = first.start_mark.line + 1
            raise _Refused(line, f"the list item '{first.value[:60]}, {second.value[:40]}' is cut in two at its comma (a list "
                                 "in [brackets] splits at every comma); put the whole item in double quotes.")


class _TextDates(RoundTripConstructor):
    """Keep dates as text: the models parse them, so a bad date ('2026-02-30') gets a located message
    instead of an exception from deep inside the YAML library. The document is checked (_check_nodes)
    before it is built."""

    def get_single_data(self) -> Any:
        node = self.composer.get_single_node()
        if node is None:
            return None
        _check_nodes(node)
        return self.construct_document(node)


_TextDates.add_constructor("tag:yaml.org,2002:timestamp", _TextDates.construct_scalar)


def read_yaml(text: str, file: str, *, cache: bool = False) -> tuple[Any, dict[FieldPath, int]]:
    """Parse YAML text; raise InputError with a located, plain message if it is malformed. With
    ``cache``, text parsed before comes from the parse cache (irt_sim.inputs.cache)."""
    if cache:
        from .cache import parsed

        return parsed(text, lambda: _read_yaml(text, file))
    return _read_yaml(text, file)


def _read_yaml(text: str, file: str) -> tuple[Any, dict[FieldPath, int]]:
    if len(text) > MAX_BYTES:
        raise InputError([Problem(file=file, message=f"the file is larger than {MAX_BYTES // 1000:,} KB, far more than a "
                                                        "casebook file needs; split it or remove what does not belong.")])
    yaml = YAML(typ="rt")
    yaml.Constructor = _TextDates
    try:
        node = yaml.load(io.StringIO(text))
    except _Refused as exc:
        raise InputError([Problem(file=file, line=exc.line, message=exc.message)]) from None
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        what = (exc.problem or "the YAML is malformed").strip()
        if "duplicate key" in what:
            what = f"{what}; each field may appear only once"
        hint = " Check indentation, colons and quotes around this line."
        raise InputError([Problem(file=file, line=line, message=f"this is not valid YAML: {what}.{hint}")]) from None
    except (YAMLError, ValueError, TypeError, RecursionError) as exc:  # errors without a position
        raise InputError([Problem(file=file, message=f"this is not valid YAML: {exc}")]) from None
    lines: dict[FieldPath, int] = {(): 1}
    try:
        return _plain(node, (), lines), lines
    except RecursionError:
        raise InputError([Problem(file=file, message="this YAML refers to itself (an anchor inside its own alias); write the values out.")]) from None


@dataclass(frozen=True)
class Loaded:
    """A validated object plus where its fields sit in its file (for locating findings)."""

    obj: Any
    file: str
    lines: dict[FieldPath, int]

    def line(self, path: FieldPath) -> int | None:
        return line_for(self.lines, path)


def parse_document(text: str, model: type[M], file: str, *, doc_id: str | None = None,
                   defaults: dict[str, Any] | None = None, cache: bool = False) -> Loaded:
    """Validate one YAML document as ``model``; raise CasebookError listing every problem in it.
    ``defaults`` fill top-level fields the text leaves out (line numbers stay the text's own)."""
    data, lines = read_yaml(text, file, cache=cache)
    if data is None:
        raise InputError([Problem(file=file, line=1, message="the file is empty.")])
    if not isinstance(data, dict):
        raise InputError(
            [Problem(file=file, line=1, message="the file should be a group of 'field: value' lines, not a single value or a list.")]
        )
    for key, value in (defaults or {}).items():
        data.setdefault(key, value)
    if "id" in model.model_fields and doc_id is not None:
        written = data.get("id")
        if written is not None and written != doc_id:
            raise InputError(
                [Problem(file=file, line=lines.get(("id",)), field="id",
                         message=f"the id '{written}' differs from the file name '{doc_id}'; remove the id line (the file name is the id).")]
            )
        data = {"id": doc_id, **{k: v for k, v in data.items() if k != "id"}}
    try:
        obj = model.model_validate(data)
    except ValidationError as exc:
        raise InputError(problems_from_validation(exc, model=model, data=data, lines=lines, file=file)) from None
    return Loaded(obj=obj, file=file, lines=lines)
