"""Render a ``Doc`` as Markdown, HTML, DOCX or PDF.

HTML is written for screen readers: a language, one h1, headings in order, tables with captions
and header cells, the release footer in a footer landmark. DOCX uses Word's heading styles and a
repeated table header row; PDF embeds an open font (DejaVu Sans, shipped with matplotlib) so every
character prints, and carries the title and language in its metadata.
"""

from __future__ import annotations

import html
import io
import re
from pathlib import Path

from .build import Bullets, Doc, Heading, Para, Table

#: Characters that Markdown (or the HTML it may hold) reads as markup: each is written escaped, so a
#: case note pasted into an agency's system shows the text as typed, with no tag, link or script.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>&|])")
_MD_LINE_START = re.compile(r"(?m)^(\s*)([#+\-])")  # a heading, a list item
_MD_NUMBERED = re.compile(r"(?m)^(\s*)(\d+)\.")  # a numbered list item


def _md(text: str, *, starts_line: bool = True) -> str:
    """Text as Markdown shows it literally: markup characters escaped, control characters dropped;
    with ``starts_line``, also what would make a line a heading or a list item."""
    clean = "".join(c if c.isprintable() or c == "\n" else " " for c in str(text))
    text = _MD_SPECIAL.sub(r"\\\1", clean)
    if starts_line:
        text = _MD_NUMBERED.sub(r"\1\2\\.", _MD_LINE_START.sub(r"\1\\\2", text))
    return text


def _md_cell(text: str) -> str:
    return _md(" ".join(str(text).split()), starts_line=False)


def to_markdown(doc: Doc) -> str:
    out = [f"# {_md_cell(doc.title)}", ""]
    for b in doc.blocks:
        if isinstance(b, Heading):
            out += ["#" * b.level + " " + _md_cell(b.text), ""]
        elif isinstance(b, Para):
            out += [_md(b.text), ""]
        elif isinstance(b, Bullets):
            out += [f"- {_md_cell(i)}" for i in b.items] + [""]
        elif isinstance(b, Table):
            out += [f"**{_md_cell(b.caption)}**", "", "| " + " | ".join(_md_cell(h) for h in b.headers) + " |",
                    "|" + " --- |" * len(b.headers)]
            out += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in b.rows] + [""]
    if doc.footer:
        out += ["---", "", f"*{_md_cell(doc.footer)}*", ""]
    return "\n".join(out)


_CSS = ("body{font-family:system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;line-height:1.5;"
        "color:#1a1a1a}table{border-collapse:collapse;margin:1rem 0;width:100%}caption{text-align:left;"
        "font-weight:bold;padding:.25rem 0}th,td{border:1px solid #555;padding:.35rem .5rem;text-align:left;"
        "vertical-align:top}th{background:#eee}footer{border-top:2px solid #555;margin-top:2rem;padding-top:.5rem}")


def to_html_fragment(doc: Doc, top: int = 1) -> str:
    """The document as HTML to show inside another page: its title a heading of level ``top``, its
    own headings below that, and its footer as a last paragraph."""
    e = html.escape
    body = [f"<h{top}>{e(doc.title)}</h{top}>"]
    for b in doc.blocks:
        if isinstance(b, Heading):
            level = min(6, b.level + top - 1)
            body.append(f"<h{level}>{e(b.text)}</h{level}>")
        elif isinstance(b, Para):
            body.append(f"<p>{e(b.text)}</p>")
        elif isinstance(b, Bullets):
            body.append("<ul>" + "".join(f"<li>{e(i)}</li>" for i in b.items) + "</ul>")
        elif isinstance(b, Table):
            head = "".join(f'<th scope="col">{e(h)}</th>' for h in b.headers)
            rows = "".join("<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>" for row in b.rows)
            body.append(f"<table><caption>{e(b.caption)}</caption><thead><tr>{head}</tr></thead>"
                        f"<tbody>{rows}</tbody></table>")
    return "".join(body)


def to_html(doc: Doc, lang: str = "en") -> str:
    """The document as a page of its own."""
    e = html.escape
    footer = f"<footer><p>{e(doc.footer)}</p></footer>" if doc.footer else ""
    return (f'<!DOCTYPE html>\n<html lang="{lang}">\n<head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{e(doc.title)}</title><style>{_CSS}</style></head>\n"
            f"<body><main>{to_html_fragment(doc)}</main>{footer}</body>\n</html>\n")


#: What XML 1.0 (and so a DOCX file) cannot hold: control characters other than tab and line breaks.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml(text: object) -> str:
    return _NOT_XML.sub("", str(text))


def to_docx(doc: Doc) -> bytes:
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    d = Document()
    d.core_properties.title = _xml(doc.title)
    d.core_properties.language = "en-US"
    d.add_heading(_xml(doc.title), level=1)
    for b in doc.blocks:
        if isinstance(b, Heading):
            d.add_heading(_xml(b.text), level=min(b.level, 9))
        elif isinstance(b, Para):
            d.add_paragraph(_xml(b.text))
        elif isinstance(b, Bullets):
            for item in b.items:
                d.add_paragraph(_xml(item), style="List Bullet")
        elif isinstance(b, Table):
            d.add_paragraph(_xml(b.caption), style="Caption")
            t = d.add_table(rows=1, cols=len(b.headers))
            t.style = "Table Grid"
            header = t.rows[0]
            for cell, text in zip(header.cells, b.headers):
                cell.text = _xml(text)
                for run in cell.paragraphs[0].runs:
                    run.bold = True
            flag = OxmlElement("w:tblHeader")  # repeat the header row on every page, and mark it as a header
            flag.set(qn("w:val"), "true")
            header._tr.get_or_add_trPr().append(flag)
            for row in b.rows:
                for cell, text in zip(t.add_row().cells, row):
                    cell.text = _xml(text)
    if doc.footer:
        d.sections[0].footer.paragraphs[0].text = _xml(doc.footer)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _font_dir() -> Path:
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


def _fit(text: object, most: int = 1200) -> str:
    text = str(text)
    return text if len(text) <= most else text[: most - 1] + "…"


def _pdf(title: str):
    from fpdf import FPDF

    pdf = FPDF(format="Letter")
    pdf.set_title(title)
    pdf.set_lang("en-US")
    pdf.set_creator("IRT Community Academy kit")
    fonts = _font_dir()
    pdf.add_font("DejaVu", "", str(fonts / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(fonts / "DejaVuSans-Bold.ttf"))
    pdf.set_auto_page_break(True, margin=18)
    return pdf


def _write_pdf(pdf, doc: Doc, base: float = 10) -> None:
    """``doc`` on ``pdf`` from a new page, its body text at ``base`` points."""
    from fpdf.fonts import FontFace

    pdf.add_page()
    width = pdf.epw

    def text(t: str, size: float = base, style: str = "", gap: float = 1.5) -> None:
        pdf.set_font("DejaVu", style, size)
        pdf.multi_cell(width, size * 0.5, t, align="L", new_x="LMARGIN", new_y="NEXT")  # ragged right reads easier
        pdf.ln(gap)

    pdf.start_section(doc.title)  # an outline entry: a reader's bookmarks list each document, a screen reader jumps by them
    text(doc.title, base + 6, "B", 3)
    for b in doc.blocks:
        if isinstance(b, Heading):
            pdf.ln(1)
            text(b.text, base + {2: 3, 3: 1}.get(b.level, 1), "B", 1)
        elif isinstance(b, Para):
            text(b.text)
        elif isinstance(b, Bullets):
            for item in b.items:
                text(item if item.startswith("\u2610") else f"\u2022  {item}", gap=0.8)
            pdf.ln(1)
        elif isinstance(b, Table):
            text(b.caption, base, "B", 1)
            pdf.set_font("DejaVu", "", base - 1)
            heading = FontFace(emphasis="BOLD", fill_color=(230, 230, 230))
            with pdf.table(headings_style=heading, line_height=base * 0.45, first_row_as_headings=True) as table:
                row = table.row()
                for h in b.headers:
                    row.cell(h)
                for values in b.rows:
                    row = table.row()
                    for v in values:  # a row must fit on a page; the other formats keep the whole text
                        row.cell(_fit(v))
            pdf.ln(2)
    if doc.footer:
        pdf.ln(3)
        text(doc.footer, base - 2)


def to_pdf(doc: Doc) -> bytes:
    pdf = _pdf(doc.title)
    _write_pdf(pdf, doc)
    return bytes(pdf.output())


#: Body sizes tried, largest first, to fit a document on one page (8 points is the least that prints legibly).
_SIZES = (10, 9.5, 9, 8.5, 8)


def _one_page_size(doc: Doc) -> float:
    """The largest body size at which ``doc`` fits on one Letter page (the smallest tried if none does)."""
    for size in _SIZES:
        trial = _pdf(doc.title)
        _write_pdf(trial, doc, size)
        if trial.pages_count == 1:
            return size
    return _SIZES[-1]


def to_pdf_pages(title: str, docs: list[Doc], *, one_page: bool = False) -> bytes:
    """Several documents in one PDF, each from a new page; with ``one_page``, each shrunk (down to 8
    points) to fit a page of its own, as a handout card must."""
    pdf = _pdf(title)
    for doc in docs:
        _write_pdf(pdf, doc, _one_page_size(doc) if one_page else 10)
    return bytes(pdf.output())


def to_docx_pages(title: str, docs: list[Doc]) -> bytes:
    """Several documents in one Word file, each from a new page, each with its title as heading 1."""
    from docx import Document
    from docx.enum.text import WD_BREAK

    merged = Document()
    merged.core_properties.title = _xml(title)
    merged.core_properties.language = "en-US"
    end = merged.element.body.sectPr  # the page settings (Letter) close the body; documents go before them
    for i, doc in enumerate(docs):
        if i:
            merged.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        part = Document(io.BytesIO(to_docx(doc)))
        for element in list(part.element.body):
            if not element.tag.endswith("}sectPr"):
                end.addprevious(element)
    buf = io.BytesIO()
    merged.save(buf)
    return buf.getvalue()
