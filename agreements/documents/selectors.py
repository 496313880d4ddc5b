"""Reads for generated documents, in a constant number of queries."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import QuerySet

from agreements.documents import kinds
from agreements.models import GeneratedDocument, WorkingFile


def documents_of(working_file: WorkingFile) -> QuerySet[GeneratedDocument]:
    return (
        GeneratedDocument.objects.filter(working_file=working_file)
        .defer("data")
        .order_by("kind", "-version", "format")
    )


def document_sections(working_file: WorkingFile) -> list[dict]:
    """One section per kind of document, in the process's order: can it be made now (the kind's own rule), its
    latest version in each format, and the older versions (two queries whatever the number of documents)."""
    by_kind: dict[str, list[GeneratedDocument]] = defaultdict(list)
    for document in documents_of(working_file):
        by_kind[document.kind].append(document)
    sections = []
    for code, spec in kinds.KINDS.items():
        documents = by_kind.get(code, [])
        newest = documents[0].version if documents else None
        latest = [d for d in documents if d.version == newest]
        latest.sort(key=lambda d: spec.formats.index(d.format))
        sections.append(
            {
                "kind": code,
                "label": spec.label,
                "formats": [GeneratedDocument.Format(f).label for f in spec.formats],
                "available": spec.available(working_file),
                "latest": latest,
                "older": [
                    d for d in documents if d.version != newest and d.status == GeneratedDocument.Status.DONE
                ],
            }
        )
    return sections


def inscribed_file(agreement_pk: int) -> WorkingFile | None:
    """The working file of an agreement inscribed through the portal, with its signature and signed PDF, or
    None (not inscribed through the portal: a known relationship or synthetic data has no documents)."""
    return (
        WorkingFile.objects.filter(agreement_id=agreement_pk, state=WorkingFile.State.INSCRIBED)
        .select_related(
            "agreement__municipality", "agreement__state", "agreement__country", "signature__document"
        )
        .first()
    )
