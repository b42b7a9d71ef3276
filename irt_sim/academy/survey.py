"""The Community Academy's pre/post survey: knowledge questions from the course's quizzes, and
partner-network questions (how often and how well the respondent's program works with each other
partner), modelled on the partner network survey of the Department of Labor's Institutional Analysis
of American Job Centers (OMB 1225-0090, 2015), which asks each respondent about the kind and extent of
their work with each partner organisation listed. The scales below are the kit's own (an assumption).

Responses come back as a CSV file, one row a respondent and a time (pre or post); ``read_responses``
keeps every good row and names each bad one by its line."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from ..documents.build import Bullets, Doc, Heading, Para, Table
from ..inputs.casebook import Casebook
from ..inputs.quizzes import Question, load_quizzes
from ..model import Program

#: One question from each of these quizzes, the first in the file: a spread over the course.
TOPICS = ["what-an-irt-is", "arc-versus-referral", "building-the-team", "reaching-consensus", "documentation",
          "ips", "outcomes", "community-academy"]
OFTEN = {0: "never", 1: "a few times a year", 2: "about monthly", 3: "weekly or more"}
WELL = {1: "poorly", 2: "fairly", 3: "well", 4: "very well"}
#: How often counts as working together: about monthly or more.
TIE_AT = 2
TIMES = ("pre", "post")
LETTERS = "ABCDEFGH"
SOURCE = ("Partner questions modelled on the partner network survey of the US Department of Labor's Institutional "
          "Analysis of American Job Centers (OMB 1225-0090, 2015); the scales are the kit's own (an assumption).")


def knowledge_questions() -> list[tuple[str, Question]]:
    """(K1.., question) for the survey: the first question of each topic that the quizzes have."""
    quizzes = load_quizzes()
    chosen = [quizzes[t][0] for t in TOPICS if quizzes.get(t)]
    return [(f"K{i}", q) for i, q in enumerate(chosen, 1)]


def partners(book: Casebook) -> list[Program]:
    """The organisations the network questions ask about: every program but the customer's own people."""
    return sorted((p for p in book.programs.values() if p.release_required or p.eligibility.determined),
                  key=lambda p: p.name.casefold())


def columns(book: Casebook) -> list[str]:
    return (["respondent", "time", "program"] + [k for k, _ in knowledge_questions()]
            + [f"{kind}:{p.id}" for p in partners(book) for kind in ("often", "well")])


def template_csv(book: Casebook) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerow(columns(book))
    return buf.getvalue()


def survey_doc(book: Casebook) -> Doc:
    place = book.community.name if book.community else "our community"
    doc = Doc(f"Community Academy survey: {place}")
    doc.add(Para("Fill this in at the start of the day and again at the end. Use the same respondent code both "
                 "times (your initials and a number you will remember); no names are needed."),
            Bullets(["\u2610 Start of the day (pre)    \u2610 End of the day (post)",
                     "Respondent code: ____________    Your program: ______________________________"]))
    doc.add(Heading("Part 1. What you know", 2), Para("Tick one answer for each question."))
    for key, q in knowledge_questions():
        doc.add(Para(f"{key}. {q.question}"),
                Bullets([f"\u2610 {LETTERS[i]}. {o.text}" for i, o in enumerate(q.options)]))
    doc.add(Heading("Part 2. Whom you work with", 2),
            Para("For each partner: how often does your program work with them on a customer's case (0 never, "
                 "1 a few times a year, 2 about monthly, 3 weekly or more), and, if you do, how well does it go "
                 "(1 poorly, 2 fairly, 3 well, 4 very well)? Leave your own program's row empty."),
            Table("How often and how well your program works with each partner",
                  ["Partner", "How often (0-3)", "How well (1-4)"], [[p.name, "", ""] for p in partners(book)]),
            Para(SOURCE))
    return doc


@dataclass
class Response:
    line: int
    respondent: str
    time: str
    program: str
    answers: dict[str, str]  # K1 -> "B" (or "" for no answer)
    often: dict[str, int]  # partner id -> 0..3
    well: dict[str, int]  # partner id -> 1..4


@dataclass
class Responses:
    rows: list[Response] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # "line 7: ..." for each row left out, or for the file


def _int(value: str, allowed: dict[int, str], what: str) -> int | None:
    value = value.strip()
    if not value:
        return None
    try:
        n = int(float(value))
    except ValueError:
        n = None
    if n not in allowed or str(value) not in (str(n), f"{n}.0"):
        raise ValueError(f"{what} is '{value[:20]}'; write one of {', '.join(map(str, allowed))} or leave it empty")
    return n


def read_responses(text: str, book: Casebook) -> Responses:
    out = Responses()
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip() for h in (reader.fieldnames or [])]
    missing = [c for c in ("respondent", "time", "program") if c not in header]
    if missing:
        out.problems.append(f"line 1: the header has no column {', '.join(missing)}; start from the template the "
                            "kit writes (survey-responses-template.csv)")
        return out
    ids = {p.id for p in partners(book)}
    unknown = sorted({h.split(":", 1)[1] for h in header if ":" in h and h.split(":", 1)[1] not in ids})
    if unknown:
        out.problems.append(f"line 1: columns for partners this casebook does not have ({', '.join(unknown[:5])}) "
                            "are not read")
    questions = dict(knowledge_questions())
    seen: dict[tuple[str, str], int] = {}
    rows = iter(reader)
    while True:
        try:
            raw = next(rows)
        except StopIteration:
            break
        except csv.Error as exc:  # a quote never closed, a field of 100 KB: what follows cannot be trusted
            out.problems.append(f"line {reader.line_num}: the file cannot be read from here on ({exc}); "
                                "save it again as CSV from the spreadsheet")
            break
        line = reader.line_num
        row = {(k or "").strip(): (v or "").strip() for k, v in raw.items() if isinstance(v, str) or v is None}
        try:
            who, when, program = row.get("respondent", ""), row.get("time", "").lower(), row.get("program", "")
            if not who:
                raise ValueError("the respondent code is empty")
            if when not in TIMES:
                raise ValueError(f"time is '{when[:20]}'; write pre or post")
            if program not in ids:
                raise ValueError(f"program '{program[:40]}' is not one of the casebook's partners (use its id, "
                                 "e.g. the name of its file without .yaml)")
            if (who, when) in seen:
                raise ValueError(f"respondent {who} answered the {when} survey already, on line {seen[(who, when)]}")
            answers = {}
            for key, q in questions.items():
                given = row.get(key, "").upper()
                if given and given not in LETTERS[: len(q.options)]:
                    raise ValueError(f"{key} is '{given[:10]}'; write a letter from A to {LETTERS[len(q.options) - 1]}"
                                     " or leave it empty")
                answers[key] = given
            often, well = {}, {}
            for pid in sorted(ids - {program}):
                n = _int(row.get(f"often:{pid}", ""), OFTEN, f"often:{pid}")
                if n is not None:
                    often[pid] = n
                m = _int(row.get(f"well:{pid}", ""), WELL, f"well:{pid}")
                if m is not None:
                    well[pid] = m
        except ValueError as exc:
            out.problems.append(f"line {line}: {exc}; the row is left out")
            continue
        seen[(who, when)] = line
        out.rows.append(Response(line, who, when, program, answers, often, well))
    return out
