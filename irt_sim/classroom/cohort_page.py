"""The cohort report as a page and a spreadsheet: the charts are SVG with a text alternative and the
numbers in a table beside each, like the demo pages'."""

from __future__ import annotations

import csv
import html
import io
from statistics import mean, median

from ..display.svgbars import Bar, bar_chart
from ..display.tables import html_table
from ..safefiles import safe_row
from .cohort import Cohort, kappa_words

_STYLE = {"class": {"color": "#56B4E9", "hatch": "", "short": "Learners", "tag": "Learners"},
          "share": {"color": "#009E73", "hatch": "", "short": "Share of full marks", "tag": "Share"}}
_CSS = ("body{font-family:system-ui,sans-serif;max-width:62rem;margin:2rem auto;padding:0 1rem;line-height:1.5;"
        "color:#1a1a1a}table{border-collapse:collapse;margin:1rem 0}caption{text-align:left;font-weight:bold;"
        "padding:.25rem 0}th,td{border:1px solid #555;padding:.3rem .5rem;text-align:left;vertical-align:top}"
        "th{background:#eee}figure{margin:1rem 0}")


def _pct(share: float | None) -> str:
    return "no score yet" if share is None else f"{100 * share:.0f}%"


def summary(c: Cohort) -> str:
    got = [lr.points(c.parts, automatic=True) for lr in c.learners]
    written = [p for p in c.parts if not p.automatic]
    waiting = sum(lr.scores.get(p.grade_id) is None for lr in c.learners for p in written)
    if not got:
        return "No learner's submission is in the gradebook yet."
    return (f"{len(got)} learner(s). Points graded automatically, out of {c.automatic_max:g}: mean {mean(got):.1f}, "
            f"median {median(got):g}, lowest {min(got):g}, highest {max(got):g}."
            + (f" {waiting} written answer(s) wait for the trainer's grading." if waiting else ""))


def report_html(c: Cohort) -> str:
    e = html.escape
    out = [f"<h1>Class report: {e(c.assignment)}</h1>", f"<p>{e(summary(c))}</p>"]
    dist = c.distribution()
    alt = "How many learners scored in each fifth of the automatic points: " + "; ".join(f"{b}: {n}" for b, n in dist) + "."
    top = max([n for _, n in dist] + [1])
    out.append("<h2>The spread of scores</h2><figure>" + bar_chart(
        [(b, [Bar("class", n, str(n))]) for b, n in dist], styles=_STYLE, alt=alt, top=top, with_key=False,
        axis_format=lambda v: f"{v:g}", width=560, height=260) + f"<figcaption>{e(alt)}</figcaption></figure>"
        + html_table("Learners in each fifth of the automatic points", ["Share of the points", "Learners"],
                     [[b, str(n)] for b, n in dist]))
    shares = [(p, c.part_share(p)) for p in c.parts]
    charted = [(p, s) for p, s in shares if p.automatic]  # written answers wait for the trainer: in the table only
    alt = ("Each automatically graded part's mean share of full marks: "
           + "; ".join(f"{p.label}: {_pct(s)}" for p, s in charted) + ".")
    out.append("<h2>Each part's share of full marks</h2><figure>" + bar_chart(
        [(p.label, [Bar("share", 100 * (s or 0), _pct(s))]) for p, s in charted], styles=_STYLE, alt=alt, top=100,
        with_key=False, axis_format=lambda v: f"{v:.0f}%", width=max(560, 112 * len(charted)), height=300)
        + f"<figcaption>{e(alt)}</figcaption></figure>"
        + html_table("Mean share of full marks, part by part", ["Part", "Points", "Graded", "Mean share of full marks"],
                     [[p.label, f"{p.max_score:g}", "automatically" if p.automatic else "by the trainer", _pct(s)]
                      for p, s in shares]))
    found = c.misconceptions()
    n = max(len(c.learners), 1)
    out.append("<h2>The commonest misconceptions</h2><p>What the graders found in the answers, in the IRT's words: "
               "each learner counts once for each.</p>" + html_table(
                   "Misconceptions, the commonest first", ["What the answers show", "Learners", "Share of the class"],
                   [[m.words, str(m.learners), _pct(m.learners / n)] for m in found], empty="None found."))
    items = c.agreement()
    if items:
        k = c.kappa()
        said = (f"Fleiss' kappa across the items: {k:.2f}, {kappa_words(k)} agreement among the learners beyond chance "
                "(in the words of Landis and Koch, 1977)." if k is not None else "Too few scores for a kappa.")
        out.append("<h2>How the fidelity scores agree</h2><p>Two fidelity reviewers compare their scores item by item "
                   f"before they agree one; here the class does the same. {e(said)}</p>" + html_table(
                       "Each item: the learners' scores beside the anchor's",
                       ["Item", "Anchor", "Scores given (how many learners)", "Gave the anchor's score",
                        "Within one point", "Pairs of learners who agree"],
                       [[a.words, "none" if a.anchor is None else f"{a.anchor:g}",
                         ", ".join(f"{s} ({n})" for s, n in a.scores.items()) or "none", _pct(a.with_anchor),
                         _pct(a.within_one), _pct(a.among)] for a in items]))
    cased = [lr for lr in c.learners if lr.case]
    if cased:
        out.append("<h2>Each learner's case</h2><p>Each learner worked on a customer of their own, chosen from the "
                   "learner id; the hidden tests graded each against that case.</p>" + html_table(
                       "The case each learner was graded on", ["Learner", "Customer", "Automatic points"],
                       [[lr.student, lr.case, f"{lr.points(c.parts, automatic=True):g} of {c.automatic_max:g}"]
                        for lr in cased]))
    follow = [lr for lr in c.learners if lr.follow_up]
    out.append("<h2>Learners to follow up</h2>" + html_table(
        "Learners to follow up, and why", ["Learner", "Why"], [[lr.student, "; ".join(lr.follow_up)] for lr in follow],
        empty="No learner needs a follow-up."))
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8"><meta name="viewport" '
            f'content="width=device-width, initial-scale=1"><title>Class report: {e(c.assignment)}</title>'
            f"<style>{_CSS}</style></head>\n<body><main>{''.join(out)}</main></body>\n</html>\n")


def report_csv(c: Cohort) -> str:
    """One row a learner: the automatic points, each part's points, and why to follow up."""
    buf = io.StringIO()
    out = csv.writer(buf, lineterminator="\r\n")
    out.writerow(["student_id", "case", "automatic_points", "automatic_max"] + [p.label for p in c.parts] + ["follow_up"])
    for lr in c.learners:
        out.writerow(safe_row([lr.student, lr.case, f"{lr.points(c.parts, automatic=True):g}", f"{c.automatic_max:g}"]
                              + ["" if lr.scores.get(p.grade_id) is None else f"{lr.scores[p.grade_id]:g}" for p in c.parts]
                              + ["; ".join(lr.follow_up)]))
    return buf.getvalue()
