"""Reading an answer line by line when the strict YAML reader fails: each line put where its field
belongs (fields have names that say where they go; indentation only breaks ties)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any


from ..inputs.problems import FieldPath, Problem, describe_path
from .reading import Note, fold, shown, distance
from .shapes import ANY_KEY, KEY_SYNONYMS, Read, TEXT_LIST

# --- line by line ----------------------------------------------------------------------------------


@dataclass
class _Open:
    shape: Any  # dict, [dict] or TEXT_LIST
    node: Any  # the dict or list being filled
    path: FieldPath
    indent: int
    first_indent: int | None = None  # of the first line placed in it


_KEY = re.compile(r"^([A-Za-z_][\w \-]{0,40}?)\s*:(?=\s|$)\s*(.*)$")


class LineReader:
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
    """'[milestone dates (training, interviews), wage reports]' as a person means it: split at the
    commas outside brackets and quotes, so an item's own comma stays in it (YAML would cut it)."""
    items, depth, quote, start = [], 0, None, 0
    for i, ch in enumerate(text):
        if quote:
            quote = None if ch == quote else quote
        elif ch in "\"'" and text[:i].rstrip()[-1:] in ("", ","):
            quote = ch
        elif ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(depth - 1, 0)
        elif ch == "," and depth == 0:
            items.append(text[start:i])
            start = i + 1
    items.append(text[start:])
    return [x.strip() for x in items if x.strip()]


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
