"""A `model.Document` as PDF (WeasyPrint): one language in one column, or every language side by side,
block beside block; DejaVu fonts; "Página N de M" in the footer."""

from __future__ import annotations

import logging
from pathlib import Path

from django.template.loader import render_to_string

from agreements.documents.model import Document

STYLESHEET = Path(__file__).with_name("pdf.css")
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)  # seven INFO lines per document otherwise


def _counter_content(label: str) -> str:
    """ "Página {page} de {pages}" → the CSS content value "Página " counter(page) " de " counter(pages)."""
    before, _, rest = label.partition("{page}")
    middle, _, after = rest.partition("{pages}")
    quoted = [f'"{part}"' if part else "" for part in (before, middle, after)]
    return " ".join(p for p in (quoted[0], "counter(page)", quoted[1], "counter(pages)", quoted[2]) if p)


def footer_css(labels: list[str]) -> str:
    content = ' " / " '.join(_counter_content(label) for label in labels)
    return f"@page {{ @bottom-center {{ content: {content}; }} }}"


def html(document: Document, *, language: str = "es-MX") -> str:
    return render_to_string(
        "agreements/documents/pdf.html",
        {
            "document": document,
            "rows": document.rows() if document.parallel else [],
            "landscape": len(document.versions) > 2,
            "lang": language,
        },
    )


def render(document: Document, *, language: str = "es-MX") -> bytes:
    from weasyprint import CSS, HTML

    labels = document.page_labels or [document.page_label]
    stylesheets = [CSS(filename=str(STYLESHEET)), CSS(string=footer_css(labels))]
    return HTML(string=html(document, language=language)).write_pdf(stylesheets=stylesheets)
