"""What the browser tests share: checks run in a page."""

#: The labels, options and buttons inside the element ``root`` (a CSS selector) whose text is wider
#: than their box, so the browser cuts it with an ellipsis: their texts.
CUT_SHORT = """(root) => [...document.querySelector(root).querySelectorAll(
        '.widget-label-basic span, .widget-label, .widget-html-content, label, option:checked, button')]
    .filter(e => e.offsetParent !== null && e.scrollWidth > e.clientWidth + 1 && e.textContent.trim())
    .map(e => e.textContent.trim())"""
