"""Which documents exist, what each is made from, in which formats, and when it can be made."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.text import slugify

from agreements.documents import agreement, data, docx, letters, pdf
from agreements.documents.model import Document
from agreements.models import Dictamen, GeneratedDocument, WorkingFile

Kind = GeneratedDocument.Kind
Format = GeneratedDocument.Format


@dataclass(frozen=True)
class DocumentKind:
    code: str
    formats: tuple[str, ...]
    gather: Callable[[object], dict]  # working file -> data (reads the database)
    build: Callable[[dict], Document]  # data -> document (pure)
    available: Callable[[object], bool]  # may it be made for this working file now?
    slug: str

    @property
    def label(self):
        return Kind(self.code).label


def _has_dictamen(working_file) -> bool:
    return Dictamen.objects.filter(working_file=working_file).exists()


def _inscribed(working_file) -> bool:
    return bool(working_file.agreement_id) and working_file.state == WorkingFile.State.INSCRIBED


KINDS: dict[str, DocumentKind] = {
    Kind.AGREEMENT: DocumentKind(
        Kind.AGREEMENT,
        (Format.DOCX, Format.PDF),
        data.agreement_data,
        lambda d: agreement.build(data.text_from(d["text"])),
        lambda wf: True,
        "acuerdo",
    ),
    Kind.LETTER_OF_INTENT: DocumentKind(
        Kind.LETTER_OF_INTENT,
        (Format.DOCX, Format.PDF),
        data.letter_data,
        lambda d: letters.carta(data.text_from(d["text"]), {k: tuple(v) for k, v in d["people"].items()}),
        lambda wf: True,
        "carta-de-intencion",
    ),
    Kind.OFICIO: DocumentKind(
        Kind.OFICIO,
        (Format.DOCX, Format.PDF),
        data.oficio_data,
        lambda d: letters.oficio(data.text_from(d["text"]), d["details"]),
        lambda wf: True,
        "oficio-dgcp",
    ),
    Kind.DICTAMEN: DocumentKind(
        Kind.DICTAMEN,
        (Format.PDF,),
        data.dictamen_data,
        letters.dictamen,
        _has_dictamen,
        "dictamen",
    ),
    Kind.CONSTANCIA: DocumentKind(
        Kind.CONSTANCIA,
        (Format.PDF,),
        lambda wf: data.constancia_data(wf.agreement),
        letters.constancia,
        _inscribed,
        "constancia-de-inscripcion",
    ),
}
RENDERERS = {Format.DOCX: docx.render, Format.PDF: pdf.render}
CONTENT_TYPES = {
    Format.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    Format.PDF: "application/pdf",
}


def render(kind: str, fmt: str, payload: dict) -> bytes:
    """Pure: the file's bytes from the stored data."""
    return RENDERERS[fmt](KINDS[kind].build(payload))


def download_name(document: GeneratedDocument) -> str:
    wf = document.working_file
    parts = [KINDS[document.kind].slug, slugify(wf.municipality.name), slugify(wf.counterpart_name or "")]
    stem = "-".join(p for p in parts if p)[:80]
    return f"{stem}-v{document.version}.{document.format}"
