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


def to_pdf(doc: Doc) -> bytes:
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    pdf = FPDF(format="Letter")
    pdf.set_title(doc.title)
    pdf.set_lang("en-US")
    pdf.set_creator("IRT Community Academy kit")
    fonts = _font_dir()
    pdf.add_font("DejaVu", "", str(fonts / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(fonts / "DejaVuSans-Bold.ttf"))
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_page()
    width = pdf.epw

    def text(t: str, size: int = 10, style: str = "", gap: float = 1.5) -> None:
        pdf.set_font("DejaVu", style, size)
        pdf.multi_cell(width, size * 0.5, t, align="L", new_x="LMARGIN", new_y="NEXT")  # ragged right reads easier
        pdf.ln(gap)

    text(doc.title, 16, "B", 3)
    for b in doc.blocks:
        if isinstance(b, Heading):
            pdf.ln(1)
            text(b.text, {2: 13, 3: 11}.get(b.level, 11), "B", 1)
        elif isinstance(b, Para):
            text(b.text)
        elif isinstance(b, Bullets):
            for item in b.items:
                text(f"•  {item}", gap=0.8)
            pdf.ln(1)
        elif isinstance(b, Table):
            text(b.caption, 10, "B", 1)
            pdf.set_font("DejaVu", "", 9)
            heading = FontFace(emphasis="BOLD", fill_color=(230, 230, 230))
            with pdf.table(headings_style=heading, line_height=4.5, first_row_as_headings=True) as table:
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
        text(doc.footer, 8)
    return bytes(pdf.output())
