"""A `model.Document` as an editable Word file (python-docx): one language after another, real paragraphs and
heading styles (the navigation pane lists the articles), DejaVu fonts, "Página N de M" in the footer."""

from __future__ import annotations

import io

from docx import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from agreements.documents.model import Block, Document

SERIF = "DejaVu Serif"
PENDING_GREY = RGBColor(0x55, 0x55, 0x55)


def _font(style, name: str, size: float, bold: bool | None = None) -> None:
    style.font.name = name
    style.font.size = Pt(size)
    style.font.color.rgb = RGBColor(0, 0, 0)
    if bold is not None:
        style.font.bold = bold
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), name)


def _field(run, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES): Word fills in the number when it lays out the page."""
    for kind, text in (
        ("begin", None),
        ("instr", instruction),
        ("separate", None),
        ("text", "1"),
        ("end", None),
    ):
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {text} "
        elif kind == "text":
            element = OxmlElement("w:t")
            element.text = text
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        run._r.append(element)


def _footer(section, labels: list[str]) -> None:
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for i, label in enumerate(labels):
        if i:
            paragraph.add_run(" / ")
        before, _, rest = label.partition("{page}")
        middle, _, after = rest.partition("{pages}")
        paragraph.add_run(before)
        _field(paragraph.add_run(), "PAGE")
        paragraph.add_run(middle)
        _field(paragraph.add_run(), "NUMPAGES")
        paragraph.add_run(after)
    for run in paragraph.runs:
        run.font.size = Pt(8)


def _text(paragraph, block: Block, text: str, *, bold: bool = False) -> None:
    run = paragraph.add_run(f"[{text}]" if block.pending else text)
    run.bold = bold or None
    if block.pending:
        run.italic = True
        run.font.color.rgb = PENDING_GREY


def _no_borders(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _block(doc, block: Block) -> None:
    if block.kind == "title":
        paragraph = doc.add_paragraph(style="Title")
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _text(paragraph, block, block.text, bold=True)
    elif block.kind == "subtitle":
        paragraph = doc.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _text(paragraph, block, block.text, bold=True)
    elif block.kind == "heading":
        _text(doc.add_paragraph(style="Heading 2"), block, block.text)
    elif block.kind == "label":
        _text(doc.add_paragraph(), block, block.text, bold=True)
    elif block.kind == "right":
        for line in block.text.split("\n"):
            paragraph = doc.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            paragraph.paragraph_format.space_after = Pt(0)
            _text(paragraph, block, line)
        doc.add_paragraph()
    elif block.kind == "lines":
        _text(doc.add_paragraph(), block, block.text)
    elif block.kind == "spacer":
        doc.add_paragraph()
    elif block.kind == "fields":
        table = doc.add_table(rows=0, cols=2)
        table.style = "Table Grid"
        for label, value in block.items:
            cells = table.add_row().cells
            cells[0].paragraphs[0].add_run(label).bold = True
            cells[1].paragraphs[0].add_run(value)
        doc.add_paragraph()
    elif block.kind == "signatures":
        if block.text:
            closing = doc.add_paragraph()
            closing.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _text(closing, block, block.text, bold=True)
        table = doc.add_table(rows=1, cols=max(1, len(block.items)))
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        _no_borders(table)
        for cell, (who, office) in zip(table.rows[0].cells, block.items, strict=False):
            cell.paragraphs[0].add_run("\n\n\n______________________________")
            cell.add_paragraph().add_run(who).bold = True
            if office:
                cell.add_paragraph(office)
            for paragraph in cell.paragraphs:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    else:  # para
        for line in block.text.split("\n"):
            paragraph = doc.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            _text(paragraph, block, line)


def render(document: Document, *, language: str = "es-MX") -> bytes:
    doc = WordDocument()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.59), Cm(27.94)  # carta, the size Mexican offices use
    section.orientation = WD_ORIENT.PORTRAIT
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.5))
    section.top_margin = section.bottom_margin = Cm(2.2)
    styles = doc.styles
    _font(styles["Normal"], SERIF, 11)
    _font(styles["Title"], SERIF, 13, bold=True)
    _font(styles["Heading 2"], SERIF, 11, bold=True)
    styles["Normal"].paragraph_format.space_after = Pt(6)
    _footer(section, document.page_labels or [document.page_label])
    props = doc.core_properties
    props.title = document.title[:250]
    props.author = props.last_modified_by = "Ciberparadiplomacia"
    props.language = language
    for index, version in enumerate(document.versions):
        if index:
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        if document.parallel:
            note = doc.add_paragraph()
            note.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            run = note.add_run(version.label.upper())
            run.font.size, run.font.color.rgb = Pt(8), PENDING_GREY
        for block in version.blocks:
            _block(doc, block)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
