"""The Community Academy day: its timed agenda (irt_sim/data/academy_day.yaml, which module 11 shows
too) and a sign-in sheet."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from pydantic import Field

from ..documents.build import Doc, Para, Table
from ..inputs.casebook import Casebook
from ..inputs.packaged import load_packaged
from ..model import StrictModel

#: Blank lines on the sign-in sheet beyond one per partner program.
SPARE_LINES = 10


class Session(StrictModel):
    at: str = Field(pattern=r"^([01]?\d|2[0-3]):[0-5]\d$")
    session: str
    material: str = ""
    minutes: int | None = Field(default=None, gt=0)


class Day(StrictModel):
    title: str
    sessions: list[Session] = Field(min_length=1)


@lru_cache(maxsize=1)
def academy_day() -> Day:
    return load_packaged("academy_day.yaml", Day)


def _clock(text: str) -> dt.datetime:
    return dt.datetime.strptime(text, "%H:%M")


def _am_pm(when: dt.datetime) -> str:
    return f"{when.hour % 12 or 12}:{when.minute:02d} {'am' if when.hour < 12 else 'pm'}"


def agenda_rows() -> list[list[str]]:
    """[from, to, minutes, session, material] for each session, in order."""
    sessions = academy_day().sessions
    rows = []
    for s, following in zip(sessions, sessions[1:] + [None]):
        start = _clock(s.at)
        end = _clock(following.at) if following else start + dt.timedelta(minutes=s.minutes or 15)
        rows.append([_am_pm(start), _am_pm(end), str(int((end - start).total_seconds() // 60)), s.session, s.material])
    return rows


def agenda_doc(book: Casebook) -> Doc:
    place = book.community.name if book.community else "our community"
    doc = Doc(f"{academy_day().title}: {place}")
    doc.add(Para("Partners from many programs learn each other's programs, possibilities and limits, and practise "
                 "working as one team on customer situations."),
            Table("The day's agenda", ["From", "To", "Minutes", "Session", "Material"], agenda_rows()))
    return doc


def sign_in_doc(book: Casebook) -> Doc:
    place = book.community.name if book.community else "our community"
    rows = [["", p.name, "", ""] for p in sorted(book.programs.values(), key=lambda p: p.name.casefold())
            if p.release_required]
    rows += [["", "", "", ""] for _ in range(SPARE_LINES)]
    return Doc(f"Sign-in: {academy_day().title}, {place}").add(
        Para("Date: ______________    Place: ______________________________"),
        Table("Who came", ["Name", "Program or organisation", "Role", "Signature"], rows))
