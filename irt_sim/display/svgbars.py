"""Bar charts written directly as SVG, for charts that follow a control as it moves.

matplotlib needs 0.3 to 0.6 s a chart on a small server, too slow to follow a slider; writing the
SVG ourselves takes a few milliseconds. The result is also sharp at any zoom and its labels are
real text. The same accessibility rules as irt_sim.display.plots hold: the chart is an image with a text
alternative, every series has its own hatching as well as its colour, and each bar carries its value.
"""

from __future__ import annotations

import html
import itertools
import math
import textwrap
from dataclasses import dataclass

_FONT = "font-family:system-ui,-apple-system,'Segoe UI',sans-serif"
_ids = itertools.count()


@dataclass(frozen=True)
class Bar:
    """One bar: its series (a key into the style mapping), value, label, and an optional interval."""

    series: str
    value: float
    text: str
    low: float | None = None
    high: float | None = None


def _esc(text: str) -> str:
    return html.escape(str(text), quote=True)


def _patterns(prefix: str, styles: dict, ink: str) -> str:
    """SVG patterns for the hatches used in matplotlib's notation: '//' diagonal lines, '..' dots."""
    out = []
    for key, s in styles.items():
        if s["hatch"].startswith("/"):
            out.append(f'<pattern id="{prefix}-{key}" width="6" height="6" patternUnits="userSpaceOnUse" '
                       f'patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6" stroke="{ink}" '
                       f'stroke-width="1.3"/></pattern>')
        elif s["hatch"].startswith("."):
            out.append(f'<pattern id="{prefix}-{key}" width="5" height="5" patternUnits="userSpaceOnUse">'
                       f'<circle cx="2.5" cy="2.5" r="1.1" fill="{ink}"/></pattern>')
    return "<defs>" + "".join(out) + "</defs>"


def _swatch(prefix: str, key: str, style: dict, x: float, y: float, w: float, h: float, ink: str) -> str:
    rect = f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}"'
    out = f'{rect} fill="{style["color"]}" stroke="{ink}" stroke-width="0.8"/>'
    if style["hatch"]:
        out += f'{rect} fill="url(#{prefix}-{key})"/>'
    return out


def nice_top(highest: float, ticks: int = 5) -> tuple[float, float]:
    """A round top for the axis at or above ``highest``, and the step between its ticks."""
    if not highest or highest <= 0:
        return 1.0, 0.25
    raw = highest / ticks
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    return math.ceil(highest / step - 1e-9) * step, step


def _key(prefix: str, styles: dict, x: float, y: float, ink: str) -> tuple[list[str], float]:
    """A swatch and a name for each series, left to right from (x, y); returns the parts and the end."""
    parts = []
    for key, style in styles.items():
        parts.append(_swatch(prefix, key, style, x, y, 16, 11, ink))
        parts.append(f'<text x="{x + 21}" y="{y + 10}" font-size="12" fill="{ink}">{_esc(style["short"])}</text>')
        x += 30 + 7.5 * len(style["short"])
    return parts, x


def legend(styles: dict, ink: str = "#1a1a1a") -> str:
    """The key of the series on its own (hidden from screen readers: the chart's text names them)."""
    prefix = f"irt-key-{next(_ids)}"
    parts, width = _key(prefix, styles, 2, 4, ink)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} 20" width="{width:.0f}" height="20" '
            f'aria-hidden="true" style="{_FONT}">{_patterns(prefix, styles, ink)}{"".join(parts)}</svg>')


def _wrapped(name: str, chars: int) -> list[str]:
    """A group's name in lines of about ``chars`` characters, never breaking a word."""
    return textwrap.wrap(name, chars, break_long_words=False)


def bar_chart(groups: list[tuple[str, list[Bar]]], *, styles: dict, alt: str, top: float, ink: str = "#1a1a1a",
              axis_format=None, title: str | None = None, with_key: bool = True, hidden: bool = False,
              width: int = 600, height: int = 320) -> str:
    """Groups of bars on one scale from 0 to ``top``.

    ``axis_format`` (a value -> text function) adds a y axis with round ticks (``top`` is rounded up
    to the next one); ``title`` a heading inside the chart; ``with_key`` a key of the series. A group
    named "" labels each bar with its series' tag (or short name) instead. ``hidden`` leaves the chart out of
    the accessibility tree, for a panel inside a larger image that carries the text alternative."""
    prefix = f"irt-bars-{next(_ids)}"
    series = list(dict.fromkeys(b.series for _, bars in groups for b in bars))
    left = 48 if axis_format else 8
    title_lines = textwrap.wrap(title, max(12, width // 8)) if title else []
    y0 = 8 + 17 * len(title_lines) + (22 if with_key else 0)
    plot_w = width - left - 8
    group_w = plot_w / max(len(groups), 1)
    # a group's name wraps to its own width (about 7 px a character at 12 px), so neighbours never overlap
    chars = max(6, min(16, int(group_w / 7)))
    label_lines = max((len(_wrapped(name, chars)) or 1 for name, _ in groups), default=1)
    y1 = height - 8 - 15 * label_lines
    if axis_format:
        top, step = nice_top(top)
    scale = (y1 - y0 - 16) / (top or 1)  # 16 px above the tallest bar for its value
    named = 'aria-hidden="true"' if hidden else f'role="img" aria-label="{_esc(alt)}"'
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
             f'height="{height}" {named} style="max-width:100%;height:auto;{_FONT}">',
             "" if hidden else f"<title>{_esc(alt)}</title>", _patterns(prefix, {k: styles[k] for k in series}, ink),
             f'<rect width="{width}" height="{height}" fill="white"/>']
    for i, line in enumerate(title_lines):
        parts.append(f'<text x="4" y="{16 + 17 * i}" font-size="13" font-weight="600" fill="{ink}">{_esc(line)}</text>')
    if with_key:
        parts += _key(prefix, {k: styles[k] for k in series}, left, y0 - 18, ink)[0]
    if axis_format:
        for i in range(round(top / step) + 1):
            v = step * i
            y = y1 - v * scale
            parts.append(f'<line x1="{left - 4}" y1="{y:.1f}" x2="{width - 8}" y2="{y:.1f}" stroke="#d0d0d0" '
                         f'stroke-width="0.7"/><text x="{left - 7}" y="{y + 4:.1f}" font-size="11" text-anchor="end" '
                         f'fill="{ink}">{_esc(axis_format(v))}</text>')
    parts.append(f'<line x1="{left}" y1="{y1}" x2="{width - 8}" y2="{y1}" stroke="{ink}" stroke-width="1"/>')
    for g, (name, bars) in enumerate(groups):
        bar_w = group_w * 0.8 / max(len(bars), 1)
        x_start = left + g * group_w + group_w * 0.1
        for i, bar in enumerate(bars):
            x = x_start + i * bar_w
            h = max(bar.value or 0.0, 0.0) * scale
            parts.append(_swatch(prefix, bar.series, styles[bar.series], x + 1, y1 - h, bar_w - 2, h, ink))
            label_y = y1 - h - 4
            if bar.low is not None and bar.high is not None:
                # an interval from few runs can reach below zero; the axis starts at zero
                cx, lo, hi = x + bar_w / 2, y1 - max(bar.low, 0.0) * scale, y1 - bar.high * scale
                parts.append(f'<path d="M{cx:.1f} {lo:.1f}V{hi:.1f}M{cx - 3:.1f} {lo:.1f}h6M{cx - 3:.1f} {hi:.1f}h6" '
                             f'stroke="{ink}" stroke-width="1.1" fill="none"/>')
                label_y = min(label_y, hi - 4)
            parts.append(f'<text x="{x + bar_w / 2:.1f}" y="{label_y:.1f}" font-size="{11 if bar_w > 60 else 10}" '
                         f'text-anchor="middle" '
                         f'fill="{ink}">{_esc(bar.text)}</text>')
        if not name:  # a group without a name: each bar is named under itself
            for i, bar in enumerate(bars):
                parts.append(f'<text x="{x_start + (i + 0.5) * bar_w:.1f}" y="{y1 + 15}" font-size="11" '
                             f'text-anchor="middle" fill="{ink}">{_esc(styles[bar.series].get("tag", styles[bar.series]["short"]))}</text>')
        for j, line in enumerate(_wrapped(name, chars)):
            parts.append(f'<text x="{left + (g + 0.5) * group_w:.1f}" y="{y1 + 15 + 15 * j}" font-size="12" '
                         f'text-anchor="middle" fill="{ink}">{_esc(line)}</text>')
    parts.append("</svg>")
    return "".join(parts)
