"""A slider a screen reader can name: a native ``<input type="range">`` inside its own ``<label>``.

ipywidgets' FloatSlider draws its handle as a ``<div role="slider">`` that its visible description
is not tied to, so assistive technology announces an unnamed slider (ipywidgets#2650; axe reports
it as a serious violation). This widget, built with anywidget, uses the browser's own range input:
it has the label's name, keyboard steps (arrows, Page Up/Down, Home/End) and a spoken value such as
"35 percent" for free. It keeps FloatSlider's Python interface where the kit uses it: ``value``,
``min``, ``max``, ``step``, ``description``, ``tooltip`` and ``.observe(..., names="value")``.
"""

from __future__ import annotations

import anywidget
import traitlets as t

_ESM = r"""
function render({ model, el }) {
  const label = document.createElement("label");
  label.className = "irt-slider";
  const name = document.createElement("span");
  name.className = "irt-slider-name";
  const input = document.createElement("input");
  input.type = "range";
  const readout = document.createElement("output");
  readout.className = "irt-slider-readout";
  readout.setAttribute("aria-hidden", "true");  // the input itself speaks the value (aria-valuetext)
  label.append(name, input, readout);
  el.append(label);

  const shown = (v) => model.get("percent") ? `${Math.round(v * 100)}%` : v.toFixed(model.get("decimals"));
  const spoken = (v) => model.get("percent") ? `${Math.round(v * 100)} percent` : v.toFixed(model.get("decimals"));
  const paint = (v) => {
    readout.textContent = shown(v);
    input.setAttribute("aria-valuetext", spoken(v));
  };
  const setup = () => {
    name.textContent = model.get("description");
    input.min = model.get("min");
    input.max = model.get("max");
    input.step = model.get("step");
    input.title = model.get("tooltip");
    input.disabled = model.get("disabled");
    input.value = model.get("value");
    paint(model.get("value"));
  };
  setup();
  // while dragging, only the readout follows; the kernel hears the value when the hand lets go
  // (or at each key press), like FloatSlider with continuous_update=False
  input.addEventListener("input", () => paint(Number(input.value)));
  input.addEventListener("change", () => {
    model.set("value", Number(input.value));
    model.save_changes();
  });
  model.on("change", setup);
}
export default { render };
"""

_CSS = """
.irt-slider { display: flex; align-items: center; gap: 0.5em; width: 40em; max-width: 100%; margin: 2px 0; }
.irt-slider-name { flex: 0 0 17em; text-align: right; padding-right: 0.3em; }
.irt-slider input[type=range] { flex: 1 1 auto; min-width: 6em; accent-color: #0b4f8a; }
.irt-slider input[type=range]:focus-visible { outline: 3px solid #0b4f8a; outline-offset: 2px; }  /* 8.6:1 on white */
.irt-slider-readout { flex: 0 0 3.5em; font-variant-numeric: tabular-nums; }
@media (max-width: 640px) { .irt-slider { flex-wrap: wrap; } .irt-slider-name { flex-basis: 100%; text-align: left; } }
"""


class LabelledSlider(anywidget.AnyWidget):
    """A number on a slider, named by its label for screen readers. ``percent=True`` shows and
    speaks a share 0 to 1 as a percentage."""

    _esm = _ESM
    _css = _CSS
    value = t.Float(0.0).tag(sync=True)
    min = t.Float(0.0).tag(sync=True)
    max = t.Float(1.0).tag(sync=True)
    step = t.Float(0.05).tag(sync=True)
    description = t.Unicode("").tag(sync=True)
    tooltip = t.Unicode("").tag(sync=True)
    disabled = t.Bool(False).tag(sync=True)
    percent = t.Bool(True).tag(sync=True)
    decimals = t.Int(2).tag(sync=True)

    def __init__(self, **kwargs):
        if not kwargs.get("description"):
            raise ValueError("a slider needs a description: it is the name a screen reader announces")
        super().__init__(**kwargs)

    @t.validate("value")
    def _within_range(self, proposal):
        # a browser's range input clamps the same way, so both sides agree on the value
        return min(max(proposal["value"], self.min), self.max)
