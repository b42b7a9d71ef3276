"""What changed between the Academy's pre and post surveys: knowledge (each question's share of right
answers, and each respondent's own change where they answered both) and the partner network (pairs of
programs that work together about monthly or more, how well, and the ties that are new)."""

from __future__ import annotations

import csv
import html
import io
from dataclasses import dataclass
from itertools import combinations
from statistics import mean

from ..display.network import Tie, network_chart
from ..inputs.casebook import Casebook
from ..safefiles import safe_row
from .survey import LETTERS, SOURCE, TIE_AT, TIMES, Responses, knowledge_questions, partners


@dataclass(frozen=True)
class Network:
    ties: dict[tuple[str, str], float | None]  # (program id, program id) in order -> mean 'how well', if rated
    pairs: int  # pairs of partners the survey asks about

    @property
    def density(self) -> float:
        return len(self.ties) / self.pairs if self.pairs else 0.0


@dataclass(frozen=True)
class Report:
    names: dict[str, str]  # program id -> name, in the survey's order
    respondents: dict[str, int]  # time -> count
    right: dict[str, dict[str, float | None]]  # time -> K1 -> share right (None with no answer)
    score: dict[str, float | None]  # time -> mean share right
    matched: list[float]  # each respondent's change (post - pre), for those who answered both
    network: dict[str, Network]
    problems: list[str]

    @property
    def new_ties(self) -> list[tuple[str, str]]:
        return sorted(set(self.network["post"].ties) - set(self.network["pre"].ties))


def _share(values: list[bool]) -> float | None:
    return sum(values) / len(values) if values else None


def survey_report(responses: Responses, book: Casebook) -> Report:
    questions = knowledge_questions()
    names = {p.id: p.name for p in partners(book)}
    order = list(names)
    right, score, network, count = {}, {}, {}, {}
    per: dict[str, dict[str, float]] = {t: {} for t in TIMES}
    for time in TIMES:
        rows = [r for r in responses.rows if r.time == time]
        count[time] = len(rows)
        right[time] = {k: _share([r.answers[k] == LETTERS[q.right] for r in rows if r.answers.get(k)])
                       for k, q in questions}
        for r in rows:
            answered = [r.answers[k] == LETTERS[q.right] for k, q in questions if r.answers.get(k)]
            if answered:
                per[time][r.respondent] = sum(answered) / len(questions)
        score[time] = mean(per[time].values()) if per[time] else None
        ratings: dict[tuple[str, str], list[int]] = {}
        for r in rows:
            for other, often in r.often.items():
                if often >= TIE_AT:
                    pair = tuple(sorted((r.program, other), key=order.index))
                    ratings.setdefault(pair, [])
                    if other in r.well:
                        ratings[pair].append(r.well[other])
        network[time] = Network({p: (mean(v) if v else None) for p, v in ratings.items()},
                                len(names) * (len(names) - 1) // 2)
    matched = [per["post"][w] - per["pre"][w] for w in per["pre"] if w in per["post"]]
    return Report(names, count, right, score, matched, network, list(responses.problems))


def _pct(value: float | None) -> str:
    return "no answers" if value is None else f"{100 * value:.0f}%"


def _change(before: float | None, after: float | None) -> str:
    if before is None or after is None:
        return "not known"
    points = round(100 * (after - before))
    return f"{'up' if points > 0 else 'down'} {abs(points)} points" if points else "no change"


def _steps(d: float) -> str:
    return f"{'up' if d > 0 else 'down'} {abs(d):.1f}" if round(d, 1) else "no change"


def _more(before: int, after: int) -> str:
    d = after - before
    return f"{d} more" if d > 0 else f"{-d} fewer" if d < 0 else "no change"


def network_alt(report: Report, time: str) -> str:
    net = report.network[time]
    when = "Before the day" if time == "pre" else "After the day"
    busiest = sorted(report.names, key=lambda p: -sum(p in pair for pair in net.ties))[:3]
    degree = {p: sum(p in pair for pair in net.ties) for p in report.names}
    return (f"{when}: {len(net.ties)} of {net.pairs} possible pairs of partners work together about monthly or more "
            f"({100 * net.density:.0f}%). " + (
                "Most connected: " + "; ".join(f"{report.names[p]} ({degree[p]})" for p in busiest if degree[p]) + ". "
                if net.ties else "") +
            (lambda k: f"{k} partner has no such tie." if k == 1 else f"{k} partners have no such tie.")(
                sum(1 for d in degree.values() if d == 0)))


def summary_rows(report: Report) -> list[list[str]]:
    pre, post = report.network["pre"], report.network["post"]
    rated = lambda n: [v for v in n.ties.values() if v is not None]  # noqa: E731
    return [
        ["Respondents", str(report.respondents["pre"]), str(report.respondents["post"]), ""],
        ["Knowledge: mean share of right answers", _pct(report.score["pre"]), _pct(report.score["post"]),
         _change(report.score["pre"], report.score["post"])],
        ["Partner pairs working together about monthly or more", str(len(pre.ties)), str(len(post.ties)),
         _more(len(pre.ties), len(post.ties))],
        ["Network density (share of possible pairs)", _pct(pre.density), _pct(post.density),
         _change(pre.density, post.density)],
        ["How well those pairs work together (1-4)",
         f"{mean(rated(pre)):.1f}" if rated(pre) else "not rated", f"{mean(rated(post)):.1f}" if rated(post) else "not rated",
         _steps(mean(rated(post)) - mean(rated(pre))) if rated(pre) and rated(post) else "not known"],
    ]


def report_csv(report: Report) -> str:
    buf = io.StringIO()
    out = csv.writer(buf, lineterminator="\r\n")
    out.writerow(["measure", "pre", "post", "change"])
    out.writerows(safe_row(r) for r in summary_rows(report))
    for (key, q) in knowledge_questions():
        out.writerow([f"{key}: {q.question}", _pct(report.right["pre"][key]), _pct(report.right["post"][key]),
                      _change(report.right["pre"][key], report.right["post"][key])])
    return buf.getvalue()


_CSS = ("body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5;"
        "color:#1a1a1a}table{border-collapse:collapse;margin:1rem 0}caption{text-align:left;font-weight:bold;"
        "padding:.25rem 0}th,td{border:1px solid #555;padding:.3rem .5rem;text-align:left;vertical-align:top}"
        "th{background:#eee}figure{display:inline-block;margin:0 1rem 1rem 0;vertical-align:top;max-width:26rem}"
        ".problems{border-left:4px solid #555;padding-left:.75rem}")


def _table(caption: str, headers: list[str], rows: list[list[str]]) -> str:
    e = html.escape
    head = "".join(f'<th scope="col">{e(h)}</th>' for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><caption>{e(caption)}</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def report_html(report: Report, place: str) -> str:
    e = html.escape
    order = list(report.names)
    parts = [f"<h1>Community Academy survey: what changed ({e(place)})</h1>"]
    if report.problems:
        parts.append('<section class="problems" aria-labelledby="left-out"><h2 id="left-out">Rows left out</h2><ul>'
                     + "".join(f"<li>{e(p)}</li>" for p in report.problems) + "</ul></section>")
    gained = (f" {len(report.matched)} people answered both; their own score went "
              f"{_change(0, mean(report.matched))} on average." if report.matched else "")
    parts.append("<h2>In short</h2>" + _table("Before and after the day", ["Measure", "Before", "After", "Change"],
                                                 summary_rows(report)) + f"<p>{e(gained.strip())}</p>")
    rows = [[f"{k}. {q.question}", _pct(report.right["pre"][k]), _pct(report.right["post"][k]),
             _change(report.right["pre"][k], report.right["post"][k])] for k, q in knowledge_questions()]
    parts.append("<h2>What people know</h2>" + _table("Share of right answers, question by question",
                                                      ["Question", "Before", "After", "Change"], rows))
    parts.append("<h2>Who works with whom</h2><p>A line joins two partners when either says they work together "
                 "about monthly or more; a thicker line, that they work together better. Each chart's "
                 "description says what it shows; the tables below hold every number.</p>")
    for time in TIMES:
        net = report.network[time]
        alt = network_alt(report, time)
        chart = network_chart(list(report.names.values()),
                              [Tie(order.index(a), order.index(b), s) for (a, b), s in net.ties.items()],
                              title="Before the day" if time == "pre" else "After the day", alt=alt)
        parts.append(f"<figure>{chart}<figcaption>{e(alt)}</figcaption></figure>")
    parts.append(_table("The partners' numbers on the charts", ["Number", "Partner"],
                        [[str(i), n] for i, n in enumerate(report.names.values(), 1)]))
    every = sorted(set(report.network["pre"].ties) | set(report.network["post"].ties), key=lambda p: (order.index(p[0]), order.index(p[1])))
    rated = lambda v: "not rated" if v is None else f"{v:.1f}"  # noqa: E731
    parts.append(_table("Every pair working together about monthly or more",
                        ["Partners", "Before (how well, 1-4)", "After (how well, 1-4)"],
                        [[f"{order.index(a) + 1} {report.names[a]} and {order.index(b) + 1} {report.names[b]}",
                          rated(report.network["pre"].ties[(a, b)]) if (a, b) in report.network["pre"].ties else "no tie",
                          rated(report.network["post"].ties[(a, b)]) if (a, b) in report.network["post"].ties else "no tie"]
                         for a, b in every]))
    parts.append(f"<p>{e(SOURCE)}</p>")
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8"><meta name="viewport" '
            f'content="width=device-width, initial-scale=1"><title>Community Academy survey: what changed</title>'
            f"<style>{_CSS}</style></head>\n<body><main>{''.join(parts)}</main></body>\n</html>\n")
