"""A partner network drawn as SVG: the partners on a circle, numbered, and a line between two partners
that work together. The chart is an image with its text alternative (``alt``); the numbers' key and
every tie are in tables beside it, so nothing is shown by the drawing alone. A line's thickness
shows how well the pair works together, and its value is in the tie table too."""

from __future__ import annotations

import html
import math
from dataclasses import dataclass

_FONT = "font-family:system-ui,-apple-system,'Segoe UI',sans-serif"


@dataclass(frozen=True)
class Tie:
    a: int  # index into the chart's nodes
    b: int
    strength: float | None = None  # how well they work together, 1 to 4, where known


def network_chart(nodes: list[str], ties: list[Tie], *, title: str, alt: str, size: int = 420,
                  ink: str = "#1a1a1a") -> str:
    """SVG of ``nodes`` (numbered from 1 in this order) on a circle and ``ties`` between them."""
    e = lambda t: html.escape(str(t), quote=True)  # noqa: E731
    c, r = size / 2, size / 2 - 34
    at = [(c + r * math.sin(2 * math.pi * i / max(len(nodes), 1)), c - r * math.cos(2 * math.pi * i / max(len(nodes), 1)))
          for i in range(len(nodes))]
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {size} {size + 28}" width="{size}" '
           f'height="{size + 28}" style="max-width:100%;height:auto;{_FONT}"><title>{e(title)}</title>'
           f"<desc>{e(alt)}</desc>",
           f'<text x="{c}" y="18" text-anchor="middle" font-size="15" font-weight="bold" fill="{ink}">{e(title)}</text>',
           f'<g transform="translate(0,28)">']
    for t in ties:
        (x1, y1), (x2, y2) = at[t.a], at[t.b]
        width = 1 + 1.2 * ((t.strength or 2) - 1)
        out.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{ink}" '
                   f'stroke-opacity="0.7" stroke-width="{width:.1f}"/>')
    for i, (x, y) in enumerate(at):
        out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="12" fill="#ffffff" stroke="{ink}" stroke-width="1.5"/>'
                   f'<text x="{x:.1f}" y="{y + 4.5:.1f}" text-anchor="middle" font-size="12" fill="{ink}">{i + 1}</text>')
    out.append("</g></svg>")
    return "".join(out)
