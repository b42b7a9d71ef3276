"""Charts of IPS outcomes, with text alternatives (see irt_sim.display.plots.Chart)."""

from __future__ import annotations

import pandas as pd

from .plots import TEXT, Chart, new_figure

# Okabe-Ito colours and distinct markers and line styles, so colour is never the only signal.
_LINES = [("#0072B2", "o", "-"), ("#D55E00", "s", "--"), ("#009E73", "^", ":"), ("#CC79A7", "D", "-."),
          ("#E69F00", "v", "-")]


def outcomes_trend_chart(table: pd.DataFrame, title: str | None = None) -> Chart:
    """Employment rate by quarter, one line per agency (or one for a roll-up without 'agency')."""
    df = table.copy()
    if "agency" not in df:
        df["agency"] = "All agencies"
    agencies = list(dict.fromkeys(df["agency"]))
    quarters = sorted(df["quarter"].unique())
    fig = new_figure(7.5, 4.0)
    ax = fig.add_subplot()
    parts = []
    for i, agency in enumerate(agencies):
        color, marker, style = _LINES[i % len(_LINES)]
        sub = df[df["agency"] == agency].set_index("quarter").reindex(quarters)
        ax.plot(range(len(quarters)), sub["employment_rate"], color=color, marker=marker, linestyle=style,
                linewidth=2, label=agency)
        last = sub["employment_rate"].dropna()
        if len(last):
            ax.annotate(f"{last.iloc[-1]:.0%}", (quarters.index(last.index[-1]), last.iloc[-1]),
                        textcoords="offset points", xytext=(6, 0), va="center", fontsize=9, color=TEXT)
        parts.append(f"{agency}: " + ", ".join(f"{q} {v:.0%}" for q, v in sub["employment_rate"].dropna().items()))
    ax.set_xticks(range(len(quarters)), quarters, rotation=45, ha="right", fontsize=8)
    ax.set_ylabel("Served who worked in a competitive job")
    ax.yaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
    ax.set_ylim(0, max(0.6, float(df["employment_rate"].max(skipna=True) or 0) * 1.15))
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(frameon=False, loc="upper left")
    title = title or "Employment rate by quarter"
    ax.set_title(title, fontsize=11, loc="left")
    alt = f"Line chart. {title}. " + "; ".join(parts) + "."
    data = df.rename(columns={"agency": "Agency", "quarter": "Quarter", "served": "Served", "employed": "Employed",
                              "employment_rate": "Employment rate"})
    return Chart(fig, title, alt, data.round({"Employment rate": 3}))
