"""One reader for every exercise's answers: it forgives form and never substance, and says what it did.

Forgiven: capitals, spaces, hyphens and punctuation; a name where an id is asked for, when it names
one thing; a slip of a letter or two; the usual words for a choice; numbers with %, $, units or
words; dates as US staff write them. Each reading that is not word for word the expected form comes
back as a ``Note``, shown to the learner and listed for the trainer. ``guess`` marks the readings
where the reader chose (a misspelling, a month-first date, a name matched by some of its words).
"""

from __future__ import annotations

import ast
import datetime as dt
import operator
import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

from ..words import FILLER as _FILLER
from ..words import distance, fold, key, slips_allowed, tokens


@dataclass(frozen=True)
class Note:
    """How one part of an answer was read (``line``: where, in the answer, when it is one line)."""

    text: str
    guess: bool = False
    line: int | None = None

    @classmethod
    def at(cls, line: int | None, text: str, guess: bool = False) -> Note:
        return cls((f"line {line}: " if line else "") + text, guess, line)

    @classmethod
    def all_at(cls, line: int | None, notes: Iterable[Note]) -> list[Note]:
        return [cls.at(line, n.text, n.guess) for n in notes]


@dataclass
class Reading:
    """A value read from an answer, the notes on how, or the plain reason it could not be read."""

    value: Any = None
    notes: list[Note] = field(default_factory=list)
    problem: str | None = None
    options: tuple = ()  # the candidates, when the answer could mean several things

    @property
    def ok(self) -> bool:
        return self.problem is None

    def noted(self, text: str, guess: bool = False) -> Reading:
        self.notes.append(Note(text, guess))
        return self


def failed(problem: str, options: Iterable = ()) -> Reading:
    return Reading(problem=problem, options=tuple(options))


def shown(value: Any, limit: int = 60) -> str:
    """A learner's value as it is quoted back to them: one line, not too long."""
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- choices ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Choice:
    value: str
    synonyms: tuple[str, ...] = ()

    def forms(self) -> list[str]:
        """Its value and synonyms folded, and without filler words, as answers are compared."""
        folded = [fold(self.value.replace("_", " "))] + [fold(s) for s in self.synonyms]
        return list(dict.fromkeys(folded + [" ".join(w for w in f.split() if w not in _FILLER) for f in folded]))


def _one_value(raw: Any, what: str) -> Reading:
    """A single value out of a list of one; two different values are the learner's choice to make."""
    if isinstance(raw, (list, tuple, set)):
        items = [x for x in raw if str(x).strip()]
        if len({fold(x) for x in items}) > 1:
            return failed(f"you wrote several {what}s ({', '.join(repr(shown(x)) for x in items)}); keep the one you mean.")
        if not items:
            return Reading(None)
        return Reading(items[0]).noted(f"read '{shown(items[0])}', written as a list, as the one {what} asked for")
    return Reading(raw)


def read_choice(raw: Any, choices: Sequence[Choice], what: str = "answer") -> Reading:
    """One of ``choices`` from what the learner wrote: the word, its full name or a usual synonym,
    with capitals, punctuation and small slips forgiven."""
    one = _one_value(raw, what)
    if not one.ok:
        return one
    text = fold(one.value) if one.value is not None else ""
    words = " ".join(w for w in text.split() if w not in _FILLER)
    if not words:
        return Reading(None, one.notes, problem="no answer yet")
    exact = [c for c in choices if words in c.forms()]
    if exact:
        c = exact[0]
        if key(one.value) != key(c.value):  # more than capitals, spaces and punctuation
            one.noted(f"read '{shown(one.value)}' as '{c.value}'")
        return Reading(c.value, one.notes)
    padded = f" {words} "
    for hedge in (" more or less ", " give or take ", " pretty much ", " roughly ", " probably ", " maybe ", " guess "):
        padded = padded.replace(hedge, " ")  # 'the same, more or less': a hedge, not two more choices
    for c in choices:  # 'not an IRT' names what the answer is not: it does not choose it
        for form in c.forms():
            padded = re.sub(rf" (?:not|no|never|isn t|isnt|rather than|instead of) (?:a |an |the )?{re.escape(form)} ", " ~ ", padded)
    if "~" in padded and not padded.replace("~", "").strip():
        return failed(f"'{shown(one.value)}' says what it is not; write the one it is.")
    named = [c for c in choices if any(f" {form} " in padded for form in c.forms())]
    if len(named) > 1:
        return failed(f"'{shown(one.value)}' names more than one choice ({', '.join(repr(c.value) for c in named)}); "
                      "keep the one you mean.", [c.value for c in named])
    if len(named) == 1:
        return Reading(named[0].value, one.notes).noted(f"read '{shown(one.value)}' as '{named[0].value}'", guess=True)
    close = sorted((distance(words, form), c.value) for c in choices for form in c.forms()
                   if distance(words, form) <= slips_allowed(form))
    if close and (len(close) == 1 or close[0][0] < close[1][0] or close[0][1] == close[1][1]):
        value = close[0][1]
        return Reading(value, one.notes).noted(f"read '{shown(one.value)}' as '{value}' (a slip of spelling)", guess=True)
    return failed(f"'{shown(one.value)}' is not one of {', '.join(repr(c.value) for c in choices)}.")


# --- numbers ----------------------------------------------------------------------------------------

_UNITS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
          "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_NUMBER = re.compile(r"(?<![\w.])-?\d[\d,]*(?:\.\d+)?|(?<![\w.])-?\.\d+")
_OPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}


def arithmetic(text: str) -> float | None:
    """The value of a sum written with numbers and + - * / ( ) only (e.g. '11.7 / 44.9 * 100'), else None."""
    if not re.fullmatch(r"[\d\s.+\-*/()]+", text or "") or not re.search(r"\d", text):
        return None
    try:
        return _evaluate(ast.parse(text.strip(), mode="eval").body)
    except (SyntaxError, ValueError, ZeroDivisionError, RecursionError):
        return None


def _evaluate(node: ast.AST) -> float:
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
        return float(node.value)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        value = _evaluate(node.operand)
        return -value if isinstance(node.op, ast.USub) else value
    if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
        return _OPS[type(node.op)](_evaluate(node.left), _evaluate(node.right))
    raise ValueError("not a sum")


def _number_words(text: str) -> float | None:
    """'three' -> 3, 'twenty-two' -> 22, 'eighty two' -> 82 (whole numbers below 100)."""
    words = [w for w in re.split(r"[\s-]+", text) if w]
    if not words or any(w not in _UNITS and w not in _TENS for w in words) or len(words) > 2:
        return None
    if len(words) == 2 and not (words[0] in _TENS and words[1] in _UNITS and _UNITS[words[1]] < 10):
        return None
    return float(sum(_UNITS.get(w, 0) + _TENS.get(w, 0) for w in words))


def read_number(raw: Any, what: str = "number") -> Reading:
    """A number from '22', '22%', '$10,515', '25 hours', 'about 82.5', 'three', '3 (26.7 per FTE)' or
    '11.7 / 44.9 * 100'. The first number counts; what follows it is taken as the learner's working."""
    one = _one_value(raw, what)
    if not one.ok:
        return one
    value = one.value
    if isinstance(value, bool):
        return failed(f"'{value}' is not a {what}.")
    if isinstance(value, (int, float)):
        return failed(f"write a {what}.") if value != value else Reading(float(value), one.notes)  # NaN
    text = str(value or "").strip()
    if not text or text.lower() in ("none", "null", "?"):
        return Reading(None, one.notes, problem="no answer yet")
    sum_ = arithmetic(text.replace(",", "").replace("%", "").replace("$", ""))
    if sum_ is not None:  # a plain number, perhaps with %, $ or commas (no note), or a sum worked out
        plain = re.fullmatch(r"\$?\s*-?[\d,]+(\.\d+)?\s*%?", text.strip()) is not None
        return Reading(sum_, one.notes) if plain else Reading(sum_, one.notes).noted(f"read '{shown(text)}' as {sum_:g}")
    spoken = _number_words(fold(re.sub(r"^(about|around|roughly|approximately|approx|nearly)\s+", "", text.lower())))
    if spoken is not None:
        return Reading(spoken, one.notes).noted(f"read '{shown(text)}' as {spoken:g}")
    found = _NUMBER.findall(text)
    if len(found) > 1 and re.search(r"\d\s*(?:\bor\b|\beither\b)\s*\$?-?\d", text.lower()):
        return failed(f"'{shown(text)}' gives more than one answer; keep the one you mean.")
    if not found:
        return failed(f"'{shown(text)}' is not a {what}; write it in figures, like 42 or 42.5.")
    number = float(found[0].replace(",", ""))
    note = f"read '{shown(text)}' as {number:g}" + (" (the first number; the rest as your working)" if len(found) > 1 else "")
    return Reading(number, one.notes).noted(note, guess=len(found) > 1)


# --- dates ------------------------------------------------------------------------------------------

_MONTH_FIRST = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2}|\d{4}))?\s*$")


def _last_day(year: int, month: int) -> dt.date:
    nxt = dt.date(year + month // 12, month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def read_date(raw: Any, after: dt.date | None = None, what: str = "date") -> Reading:
    """A date from '2026-11-20', '11/20/2026', '11/20', 'Nov 20, 2026', 'November 20', '20 Nov 2026' or
    'March 2027' (a month alone is its last day). A date without a year is the first one after ``after``."""
    if isinstance(raw, dt.datetime):
        return Reading(raw.date())
    if isinstance(raw, dt.date):
        return Reading(raw)
    text = " ".join(str(raw or "").split())
    if not text:
        return Reading(None, problem="no date yet")
    try:
        return Reading(dt.date.fromisoformat(text))
    except ValueError:
        pass
    base = after or dt.date.today()

    def later(d: dt.date) -> dt.date:  # no year written: the first such date after the meeting or review
        return d if d > base else d.replace(year=d.year + 1)

    us = _MONTH_FIRST.match(text)
    if us:
        month, day, year = int(us[1]), int(us[2]), us[3]
        try:
            date = dt.date(int(year) + (2000 if len(year) == 2 else 0), month, day) if year else later(dt.date(base.year, month, day))
        except ValueError:
            return failed(f"'{shown(text)}' is not a date (US dates are month/day/year).")
        reading = Reading(date).noted(f"read '{text}' as {date:%B} {date.day}, {date.year}"
                                      + (" (month first)" if day <= 12 and day != month else ""),
                                      guess=day <= 12 and day != month or not year)
        return reading
    from dateutil import parser

    try:
        a = parser.parse(text, default=dt.datetime(2000, 1, 1), fuzzy=False)
        b = parser.parse(text, default=dt.datetime(2001, 2, 28), fuzzy=False)
    except (ValueError, OverflowError, TypeError):
        return failed(f"'{shown(text)}' is not a date; write it like 2026-11-20, 11/20/2026 or Nov 20, 2026.")
    if a.month != b.month:
        return failed(f"'{shown(text)}' does not say which month; write it like 2026-11-20 or Nov 20, 2026.")
    year_given, day_given = a.year == b.year, a.day == b.day
    year = a.year if year_given else base.year
    date = dt.date(year, a.month, a.day) if day_given else _last_day(year, a.month)
    if not year_given:
        date = later(date)
    said = f"read '{text}' as {date:%B} {date.day}, {date.year}"
    if not day_given:
        said += " (the end of the month)"
    return Reading(date).noted(said, guess=not (year_given and day_given))


def read_yes_no(raw: Any) -> Reading:
    if isinstance(raw, bool):
        return Reading(raw)
    word = fold(raw)
    if word in ("yes", "y", "true", "t", "1", "yes it is", "it is"):
        return Reading(True).noted(f"read '{shown(raw)}' as yes")
    if word in ("no", "n", "false", "f", "0", "not", "it is not"):
        return Reading(False).noted(f"read '{shown(raw)}' as no")
    return failed(f"'{shown(raw)}' should be yes or no.")


# --- names for ids ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    """Something an answer may name: its id, how notes show it, and the names and words that name it."""

    id: str
    label: str
    names: tuple[str, ...] = ()
    words: tuple[str, ...] = ()

    def keys(self) -> set[str]:
        return {key(self.id)} | {key(n) for n in self.names if n}

    def telling(self) -> set[str]:
        found = tokens(self.id.replace("-", " "))
        for text in (*self.names, *self.words):
            found |= tokens(text)
            found |= {fold(a) for a in re.findall(r"\(([A-Z]{2,6})\)", text or "")}
        return found


class Resolver:
    """Reads a name or an id as one of its candidates, and says so; names the options when it could be several."""

    def __init__(self, candidates: Iterable[Candidate], what: str):
        self.candidates = list(candidates)
        self.what = what

    def read(self, raw: Any, among: Iterable[str] | None = None) -> Reading:
        """``among``: ids that fit the context; they settle a name that could mean several candidates."""
        text = " ".join(str(raw if raw is not None else "").split()).strip(" '\"")
        if not text:
            return Reading(None, problem="no answer yet")
        found = self._matches(text)
        fitting = set(among) if among is not None else None
        if len(found) > 1 and fitting is not None and len([c for c in found if c.id in fitting]) == 1:
            found = [c for c in found if c.id in fitting]
        if len(found) == 1:
            c = found[0]
            reading = Reading(c.id)
            if key(text) != key(c.id):  # more than capitals, spaces and punctuation
                guess = key(text) not in c.keys()
                words, telling = tokens(text), c.telling()
                how = "" if not guess or words <= telling else \
                    " (matched by some of its words)" if len(words & telling) >= 2 else " (a slip of spelling)"
                reading.noted(f"read '{shown(text)}' as {c.label}{how}", guess=guess)
            return reading
        if found:
            options = " or ".join(f"{c.label}" for c in found[:4])
            return failed(f"'{shown(text)}' could be {options}. Did you mean one of them? Write its id.", [c.id for c in found])
        return failed(f"'{shown(text)}' is not a {self.what} here.")

    def _matches(self, text: str) -> list[Candidate]:
        k = key(text)
        exact = [c for c in self.candidates if k in c.keys()]
        if exact:
            return exact[:1] if len({c.id for c in exact}) == 1 else exact
        words = tokens(text)
        if words:
            by_words = [c for c in self.candidates if words <= c.telling()]
            if not by_words:  # each word may carry a slip ('counselor' for 'counsellor')
                by_words = [c for c in self.candidates if all(
                    any(distance(w, t, slips_allowed(t)) <= slips_allowed(t) for t in c.telling()) for w in words)]
            if len(by_words) > 1:  # 'the community health center': the one name holding those words in that order
                phrase = " ".join(w for w in fold(text).split() if w in words)
                in_order = [c for c in by_words if any(f" {phrase} " in f" {fold(n)} " for n in c.names if n)]
                if len(in_order) == 1:
                    return in_order
            if by_words:
                return by_words
            if len(words) >= 2:  # 'screen reader training': two telling words or more shared with one candidate only
                shared = [(len(words & c.telling()), c) for c in self.candidates]
                best = max((n for n, _ in shared), default=0)
                top = [c for n, c in shared if n == best]
                if best >= 2 and len(top) == 1:
                    return top
        limit = slips_allowed(k)
        scored = sorted((min(distance(k, ck, limit) for ck in c.keys()), i) for i, c in enumerate(self.candidates))
        close = [self.candidates[i] for d, i in scored if d <= limit and d == scored[0][0]]
        return close
