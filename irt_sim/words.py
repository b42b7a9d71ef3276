"""Words as people write them: folded for comparison, their telling words, how far apart two
spellings are, and a day as people write it. Used by the answer reader (irt_sim.grading), the
checker's release rule and the course's panels."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

FILLER = {"a", "an", "the", "of", "and", "for", "to", "at", "with", "in", "on", "by", "its", "it", "is", "this",
          "that", "s", "my", "answer", "i", "think", "would", "say"}


def fold(text: Any) -> str:
    """Words only: accents, case, punctuation and runs of space folded away ('IRT.' -> 'irt')."""
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode().casefold()
    text = text.replace("&", " and ")
    return " ".join(re.sub(r"[^a-z0-9.]+|(?<![0-9])\.|\.(?![0-9])", " ", text).split())


def key(text: Any) -> str:
    """A spelling-blind key for ids and names: 'Assistive-Technology' and 'assistive technology' agree."""
    return fold(text).replace(" ", "").replace(".", "")


def _stem(word: str) -> str:
    """A small stemmer, enough for 'coaching'/'coach', 'benefits'/'benefit', 'counselling'/'counseling'."""
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if suffix == "es" and not word.endswith(("ses", "xes", "zes", "ches", "shes")):
            continue  # 'classes' -> 'class', but 'wages' -> 'wage' and 'services' -> 'service'
        if word.endswith(suffix) and len(word) > len(suffix) + 2 and not word.endswith("ss"):
            word = word[: -len(suffix)] + keep
            break
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiou":
        word = word[:-1]
    return word


def tokens(text: Any) -> set[str]:
    """The telling words of a text, stemmed, without filler words or single letters."""
    return {_stem(w) for w in fold(text).replace(".", " ").split() if w not in FILLER and len(w) > 1}


def distance(a: str, b: str, limit: int = 3) -> int:
    """Edit distance with swapped neighbours counted as one slip (stops counting past ``limit``)."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], prev2[j - 2] + 1)
        if min(row) > limit:
            return limit + 1
        prev2, prev = prev, row
    return prev[-1]


def slips_allowed(word: str) -> int:
    """How many letters may be wrong in a word of this length and still be the same word."""
    return 0 if len(word) < 4 else 1 if len(word) < 7 else 2


def day(value: Any) -> str:
    """A date (or an ISO text) as people write it: Oct 30, 2026; anything else as it is."""
    from datetime import date

    try:
        when = value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
    except ValueError:
        return str(value)
    return f"{when:%b} {when.day}, {when.year}"
