"""Charts of simulation results, each with a text alternative and the data behind it.

Every chart is a ``Chart``: a matplotlib figure, a one-paragraph text alternative written from the
data, and the data table itself. In a notebook or a Voila page it shows as an image whose ``alt``
is that text, with the table one click away, so a screen-reader user gets the same facts. Colours
come from the Okabe-Ito palette (safe for colour-blind readers), and every pathway also has its own
hatching and a direct value label, so colour is never the only signal.
"""

from __future__ import annotations

import base64
import html
import io
import math
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

import pandas as pd

from ..simulator.engine import FUNNEL, SimulationResult
from ..simulator.params import PATHWAYS
from .svgbars import Bar, bar_chart, legend

if TYPE_CHECKING:  # matplotlib is imported only when a figure is drawn: a page of SVG charts never needs it
    from matplotlib.figure import Figure

#: Okabe-Ito colours, hatches, short names (for keys) and tags (under a bar, where room is small) per pathway.
STYLE = {
    "referral": {"color": "#E69F00", "hatch": "//", "short": "Referral", "tag": "Referral"},
    "arc": {"color": "#56B4E9", "hatch": "..", "short": "ARC", "tag": "ARC"},
    "irt": {"color": "#009E73", "hatch": "", "short": "ARC and a team (IRT)", "tag": "Team"},
}
TEXT = "#1a1a1a"

MEASURES = {
    "share_engaged": ("Needed resources engaged", "percent"),
    "placed_share": ("Placed in a job", "percent"),
    "employed_180_share": ("Employed at 180 days", "percent"),
    "weeks_to_job_mean": ("Weeks to a job (average)", "weeks"),
    "duplicate_cost_per_customer": ("Cost of duplicated services per customer", "dollars"),
    "duplicated_share_of_engaged": ("Engaged services paid for twice", "percent"),
    "staff_hours_per_customer": ("Staff hours per customer", "hours"),
    "cost_per_placement": ("Cost per placement", "dollars"),
    "shared_outcome_share": ("Placements counted by 2+ systems", "percent"),
}


def _fmt(value: float, unit: str) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    return {"percent": f"{value:.0%}", "weeks": f"{value:.1f} weeks", "hours": f"{value:.1f} h",
            "dollars": f"${value:,.0f}", "count": f"{value:,.0f}"}[unit]


@dataclass(frozen=True)
class Chart:
    """A chart with its text alternative and data; shows as an accessible image in notebooks.

    ``drawing`` is a matplotlib figure, or a function that draws one when first asked (for PNG
    export); charts that follow a control also carry ``svg``, drawn in milliseconds, which the
    notebook and the demo pages show instead."""

    drawing: Figure | Callable[[], Figure]
    title: str
    alt_text: str
    data: pd.DataFrame
    svg: str | None = None
    shown: pd.DataFrame | None = None  # the data as people read it (percentages, words); else ``data``

    @cached_property
    def figure(self) -> Figure:
        return self.drawing() if callable(self.drawing) else self.drawing

    def png(self) -> bytes:
        buf = io.BytesIO()
        self.figure.savefig(buf, format="png", dpi=110, bbox_inches="tight")
        return buf.getvalue()

    def _repr_html_(self) -> str:
        if self.svg:
            picture = self.svg
        else:
            img = base64.b64encode(self.png()).decode("ascii")
            picture = (f'<img src="data:image/png;base64,{img}" alt="{html.escape(self.alt_text)}" '
                       f'style="max-width:100%">')
        table = (self.data if self.shown is None else self.shown).to_html(index=False, border=0, na_rep="n/a")
        return (f'<figure role="group" aria-label="{html.escape(self.title)}" style="margin:0">{picture}'
                f"<figcaption>{html.escape(self.title)}</figcaption>"
                f"<details><summary>The data in this chart</summary>{table}</details></figure>")

    def __repr__(self) -> str:  # plain text where no HTML is shown
        return f"{self.title}\n{self.alt_text}"


#: A range's column in a chart's data table, in words (the 95% interval of the runs' average).
LIKELY = "Where the average likely lies (95% confidence)"


def _likely(low, high, unit: str) -> str:
    if pd.isna(low) or pd.isna(high):
        return "n/a"
    return f"{_fmt(low, unit)} to {_fmt(high, unit)}"


def new_figure(width: float, height: float) -> Figure:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), layout="constrained")
    fig.set_facecolor("white")
    return fig


def _bar(ax, x, height, pathway, **kw):
    s = STYLE[pathway]
    return ax.bar(x, height, color=s["color"], hatch=s["hatch"], edgecolor=TEXT, linewidth=0.8,
                  label=s["short"], **kw)


def funnel_chart(result: SimulationResult, targets: dict[str, float] | None = None) -> Chart:
    """Share of the cohort placed, employed at 30 days and at 180 days, per pathway (with 95% CIs).
    ``targets`` (stage -> share of the cohort) adds reference marks, e.g. a program's real funnel."""
    f = result.funnel()
    f = f[f["measure"] != "customers"]
    pathways = [p for p in PATHWAYS if p in set(f["pathway"])]
    stages = [s for s in FUNNEL if s != "customers"]
    title = f"Employment funnel, {result.cohort_label}"
    top = min(1.0, max(f["share_ci_high"].max(skipna=True), *(targets or {0: 0}).values()) * 1.2 + 0.05)

    def draw() -> Figure:
        fig = new_figure(7.5, 4.2)
        ax = fig.add_subplot()
        width = 0.8 / len(pathways)
        for i, pw in enumerate(pathways):
            rows = f[f["pathway"] == pw].set_index("measure").loc[stages]
            xs = [j + (i - (len(pathways) - 1) / 2) * width for j in range(len(stages))]
            err = [(rows["share_mean"] - rows["share_ci_low"]).fillna(0),
                   (rows["share_ci_high"] - rows["share_mean"]).fillna(0)]
            bars = _bar(ax, xs, rows["share_mean"], pw, width=width * 0.95, yerr=err, capsize=3, ecolor=TEXT)
            ax.bar_label(bars, labels=[_fmt(v, "percent") for v in rows["share_mean"]], padding=2, fontsize=9,
                         color=TEXT)
        if targets:
            for j, stage in enumerate(stages):
                if stage in targets:
                    ax.hlines(targets[stage], j - 0.45, j + 0.45, colors=TEXT, linestyles="dashed", linewidth=1.5,
                              label="What the program reported" if j == 0 else None)
        ax.set_xticks(range(len(stages)), [FUNNEL[s] for s in stages])
        ax.set_ylabel("Share of the cohort")
        ax.yaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
        ax.set_ylim(0, top)
        ax.legend(frameon=False, loc="upper right")
        ax.spines[["top", "right"]].set_visible(False)
        ax.set_title(textwrap.fill(title, 80), fontsize=11, loc="left")  # a long cohort wraps, the chart keeps its size
        return fig

    parts = []
    for pw in pathways:
        rows = f[f["pathway"] == pw].set_index("measure")
        parts.append(f"{PATHWAYS[pw]}: " + ", ".join(
            f"{_fmt(rows.loc[s, 'share_mean'], 'percent')} {FUNNEL[s].lower()}" for s in stages))
    alt = f"Bar chart. {title}, mean of {result.replicates} runs. " + "; ".join(parts) + "."
    if targets:
        alt += " Dashed lines mark the reported program: " + ", ".join(
            f"{_fmt(v, 'percent')} {FUNNEL[s].lower()}" for s, v in targets.items()) + "."
    data = pd.DataFrame([{"Pathway": PATHWAYS[r.pathway], "Stage": FUNNEL[r.measure],
                          "Share of cohort": round(r.share_mean, 3), "95% CI low": round(r.share_ci_low, 3),
                          "95% CI high": round(r.share_ci_high, 3)} for r in f.itertuples()])
    shown = pd.DataFrame([{"Pathway": PATHWAYS[r.pathway], "Stage": FUNNEL[r.measure],
                           "Share of the customers (average of the runs)": _fmt(r.share_mean, "percent"),
                           LIKELY: _likely(r.share_ci_low, r.share_ci_high, "percent")} for r in f.itertuples()])
    svg = None
    if not targets:  # the reference marks are drawn by matplotlib only
        by = f.set_index(["pathway", "measure"])
        groups = [(FUNNEL[st], [Bar(pw, by.loc[(pw, st), "share_mean"], _fmt(by.loc[(pw, st), "share_mean"], "percent"),
                                    by.loc[(pw, st), "share_ci_low"], by.loc[(pw, st), "share_ci_high"])
                                for pw in pathways]) for st in stages]
        svg = bar_chart(groups, styles=STYLE, alt=alt, top=top, ink=TEXT, axis_format=lambda v: f"{v:.0%}",
                        title=title, width=640, height=330)
    return Chart(draw, title, alt, data, svg, shown)


def comparison_chart(result: SimulationResult, measures: list[str] | None = None) -> Chart:
    """One small panel per measure, a bar per pathway, each labelled with its value."""
    measures = measures or ["share_engaged", "placed_share", "weeks_to_job_mean", "staff_hours_per_customer",
                            "duplicate_cost_per_customer", "shared_outcome_share"]
    unknown = [m for m in measures if m not in MEASURES]
    if unknown:
        raise ValueError(f"No chart label for {unknown}; choose from {list(MEASURES)}.")
    s = result.summary(measures)
    pathways = [p for p in PATHWAYS if p in set(s["pathway"])]
    panels = {m: s[s["measure"] == m].set_index("pathway").loc[pathways] for m in measures}
    title = f"Pathways compared, {result.cohort_label}"

    def draw() -> Figure:
        cols = 3 if len(measures) > 4 else len(measures)
        rows_n = math.ceil(len(measures) / cols)
        fig = new_figure(3.1 * cols, 2.6 * rows_n)
        axes = fig.subplots(rows_n, cols, squeeze=False).ravel()
        for ax, m in zip(axes, measures):
            label, unit = MEASURES[m]
            sub = panels[m]
            for i, pw in enumerate(pathways):
                bars = _bar(ax, [i], [sub.loc[pw, "mean"]], pw, width=0.7)
                ax.bar_label(bars, labels=[_fmt(sub.loc[pw, "mean"], unit)], padding=2, fontsize=8, color=TEXT)
            ax.set_xticks(range(len(pathways)), [STYLE[p]["tag"] for p in pathways], fontsize=8)
            ax.set_title(label, fontsize=9, loc="left")
            ax.set_yticks([])
            ax.spines[["top", "right", "left"]].set_visible(False)
            ax.set_ylim(0, max(sub["mean"].max(skipna=True), 1e-9) * 1.25)
        for ax in axes[len(measures):]:
            ax.set_visible(False)
        fig.suptitle(title, fontsize=11, x=0.01, ha="left")
        return fig

    parts = [f"{MEASURES[m][0]}: " + ", ".join(f"{STYLE[p]['short']} {_fmt(panels[m].loc[p, 'mean'], MEASURES[m][1])}"
                                              for p in pathways) for m in measures]
    alt = f"Bar charts, one per measure. {title}, mean of {result.replicates} runs. " + "; ".join(parts) + "."
    data = s.assign(Pathway=s["pathway"].map(PATHWAYS), Measure=s["measure"].map(lambda m: MEASURES[m][0]))[
        ["Pathway", "Measure", "mean", "ci_low", "ci_high"]].rename(
        columns={"mean": "Mean", "ci_low": "95% CI low", "ci_high": "95% CI high"}).round(3)
    shown = pd.DataFrame([{"Pathway": PATHWAYS[r.pathway], "Measure": MEASURES[r.measure][0],
                           "Average of the runs": _fmt(r.mean, MEASURES[r.measure][1]),
                           LIKELY: _likely(r.ci_low, r.ci_high, MEASURES[r.measure][1])} for r in s.itertuples()])
    # small multiples: one SVG panel per measure, side by side, each on its own scale; the panels
    # together make one image, named by the alternative text
    cells = []
    for m in measures:
        label, unit = MEASURES[m]
        sub = panels[m]
        top = max(sub["mean"].max(skipna=True), 1e-9) * 1.25
        bars = [Bar(p, sub.loc[p, "mean"], _fmt(sub.loc[p, "mean"], unit)) for p in pathways]
        cells.append(bar_chart([("", bars)], styles=STYLE, alt=label, top=top, ink=TEXT, title=label,
                               with_key=False, hidden=True, width=220, height=170))
    key = legend({p: STYLE[p] for p in pathways}, ink=TEXT)
    svg = (f'<div role="img" aria-label="{html.escape(alt)}" style="display:flex;flex-wrap:wrap;gap:4px 12px;'
           f'max-width:700px"><div style="flex-basis:100%;font-weight:600">{html.escape(title)}</div>'
           f'<div style="flex-basis:100%">{key}</div>'
           + "".join(cells) + "</div>")
    return Chart(draw, title, alt, data, svg, shown)


def cost_by_system_chart(result: SimulationResult, measure: str = "cost_per_placement") -> Chart:
    """Per system: cost per placement it can count (or staff hours per customer), per pathway."""
    words = {"cost_per_placement": ("Cost per placement each system can count", "dollars"),
             "staff_hours_per_customer": ("Staff hours per customer", "hours")}
    if measure not in words:
        raise ValueError(f"measure must be one of {list(words)}")
    label, unit = words[measure]
    s = result.summary([measure], by_system=True)
    pathways = [p for p in PATHWAYS if p in set(s["pathway"])]
    systems = list(dict.fromkeys(s["system"]))
    fig = new_figure(7.5, 0.55 * len(systems) + 1.4)
    ax = fig.add_subplot()
    height = 0.8 / len(pathways)
    for i, pw in enumerate(pathways):
        sub = s[s["pathway"] == pw].set_index("system").loc[systems]
        ys = [j + (i - (len(pathways) - 1) / 2) * height for j in range(len(systems))]
        st = STYLE[pw]
        bars = ax.barh(ys, sub["mean"].fillna(0), height=height * 0.95, color=st["color"], hatch=st["hatch"],
                       edgecolor=TEXT, linewidth=0.8, label=st["short"])
        ax.bar_label(bars, labels=[_fmt(v, unit) for v in sub["mean"]], padding=2, fontsize=8, color=TEXT)
    ax.set_yticks(range(len(systems)), [x.replace("_", " ") for x in systems])
    ax.invert_yaxis()
    ax.set_xlabel(label)
    if unit == "dollars":
        ax.xaxis.set_major_formatter(lambda v, _: f"${v:,.0f}")
    ax.legend(frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.spines[["top", "right"]].set_visible(False)
    ax.margins(x=0.2)
    title = f"{label}, {result.cohort_label}"
    ax.set_title(title, fontsize=11, loc="left")
    parts = []
    for sys_name in systems:
        sub = s[s["system"] == sys_name].set_index("pathway")
        parts.append(f"{sys_name.replace('_', ' ')}: " + ", ".join(
            f"{STYLE[p]['short']} {_fmt(sub.loc[p, 'mean'], unit)}" for p in pathways))
    alt = f"Horizontal bar chart. {title}, mean of {result.replicates} runs. " + "; ".join(parts) + "."
    data = s.assign(Pathway=s["pathway"].map(PATHWAYS))[["Pathway", "system", "mean", "ci_low", "ci_high"]].rename(
        columns={"system": "System", "mean": "Mean", "ci_low": "95% CI low", "ci_high": "95% CI high"}).round(2)
    return Chart(fig, title, alt, data)


def team_network_chart(customer_name: str, systems: list[str], connected: bool) -> Chart:
    """The customer's systems drawn around them: as separate silos (each linked only to the
    customer, who carries every message) or connected through the team."""
    import math as _m

    fig = new_figure(6.0, 6.0)
    ax = fig.add_subplot()
    ax.set_aspect("equal")
    ax.axis("off")
    n = max(len(systems), 1)
    pts = [(_m.cos(2 * _m.pi * i / n + _m.pi / 2) * 3.0, _m.sin(2 * _m.pi * i / n + _m.pi / 2) * 3.0) for i in range(n)]
    if connected:
        for i, (x1, y1) in enumerate(pts):
            for x2, y2 in pts[i + 1:]:
                ax.plot([x1, x2], [y1, y2], color="#0072B2", linewidth=1.2, linestyle="-", zorder=1)
    for x, y in pts:
        ax.plot([0, x], [0, y], color="#D55E00" if not connected else "#0072B2", linewidth=2,
                linestyle="--" if not connected else "-", zorder=1)
    ax.add_patch(__import__("matplotlib.patches", fromlist=["Circle"]).Circle((0, 0), 0.9, color="#009E73", zorder=2))
    ax.text(0, 0, customer_name.split()[0], ha="center", va="center", color="white", fontsize=10, weight="bold", zorder=3)
    for (x, y), name in zip(pts, systems):
        ax.text(x, y, "\n".join(_wrap(name, 18)), ha="center", va="center", fontsize=7.5, color=TEXT, zorder=3,
                bbox={"boxstyle": "round,pad=0.4", "facecolor": "#F0E442" if not connected else "white",
                      "edgecolor": TEXT})
    ax.set_xlim(-4.4, 4.4)
    ax.set_ylim(-4.4, 4.4)
    mode = "connected through the team" if connected else "as separate silos"
    title = f"{customer_name}'s systems, {mode}"
    ax.set_title(title, fontsize=11)
    if connected:
        alt = (f"Network drawing. {customer_name} sits in the middle of {n} systems: {', '.join(systems)}. Solid lines "
               "join every system to the customer and to every other system: the partners talk to each other through "
               "the team, with the customer's consent.")
    else:
        alt = (f"Network drawing. {customer_name} sits in the middle of {n} systems: {', '.join(systems)}. Each system "
               "is joined only to the customer by a dashed line, and no system is joined to another: the customer "
               "carries every message between them.")
    data = pd.DataFrame({"System": systems, "Linked to the customer": "yes",
                         "Linked to the other systems": "yes" if connected else "no"})
    return Chart(fig, title, alt, data)


def _wrap(text: str, width: int) -> list[str]:
    import textwrap

    return textwrap.wrap(text, width) or [text]
