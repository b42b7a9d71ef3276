"""Arrow keys for the controls, not for JupyterLab.

In a notebook that is not being typed into, JupyterLab takes the arrow keys (and Home, End, Page Up,
Page Down, space) to move between cells, even when a dropdown, a slider or a radio button in a
cell's output has the focus: the value does not change and the focus jumps to another cell. A
browser page (Voila) has no such shortcuts. ``KeyGuard`` is an invisible widget a panel shows with
its controls; in JupyterLab it keeps those keys, typed on a form control of that output, for the
control (it stops them on their way up to JupyterLab, which listens at the document)."""

from __future__ import annotations

import anywidget

_ESM = r"""
const KEYS = ["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight", "Home", "End", "PageUp", "PageDown", " "];
function render({ el }) {
  el.style.display = "none";
  const attach = (tries) => {
    if (!el.isConnected) { if (tries < 600) requestAnimationFrame(() => attach(tries + 1)); return; }
    const area = el.closest(".jp-OutputArea-output");
    if (!area || area.dataset.irtKeys) return;  // not in JupyterLab, or guarded already
    area.dataset.irtKeys = "true";
    area.addEventListener("keydown", (e) => {
      if (KEYS.includes(e.key) && e.target.matches("input, select, textarea, [role=slider], [role=radio]")) e.stopPropagation();
    });
  };
  attach(0);
}
export default { render };
"""


class KeyGuard(anywidget.AnyWidget):
    """Shown once with a panel's controls; shows nothing."""

    _esm = _ESM

    def __repr__(self) -> str:  # a widget's text form reaches a page's source: no module path in it
        return "KeyGuard()"
