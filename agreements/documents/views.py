"""Generated documents: the file's documents page, asking for one, its status (for the page's script) and the
permission-checked download; and the public documents of an inscribed agreement (signed text, constancia).

Nothing renders here: asking writes a `pending` row and a worker builds it. The page shows "Generando…" and
then the link; static/js/documents.js polls the status endpoint, and without JavaScript a reload does it.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from agreements.documents import kinds
from agreements.documents import selectors as document_selectors
from agreements.documents import services as document_services
from agreements.domain import selectors
from agreements.models import GeneratedDocument

Status = GeneratedDocument.Status


def wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def status_payload(document: GeneratedDocument) -> dict:
    payload = {
        "id": document.pk,
        "kind": document.kind,
        "format": document.format,
        "format_label": str(GeneratedDocument.Format(document.format).label),
        "version": document.version,
        "status": document.status,
        "status_label": str(Status(document.status).label),
        "done": document.status == Status.DONE,
        "failed": document.status == Status.FAILED,
        "status_url": reverse("documents:status", args=[document.working_file_id, document.pk]),
    }
    if document.status == Status.DONE:
        payload["url"] = reverse("documents:download", args=[document.working_file_id, document.pk])
        payload["size"] = filesizeformat(document.size or 0)
    return payload


@login_required
@require_GET
def file_documents(request: HttpRequest, pk: int) -> HttpResponse:
    working_file = selectors.working_file_get_for_user(request.user, pk)
    sections = document_selectors.document_sections(working_file)
    return render(
        request,
        "agreements/documents/file_documents.html",
        {
            "wf": working_file,
            "sections": sections,
            "working": any(d.in_progress for s in sections for d in s["latest"]),
        },
    )


@login_required
@require_POST
def document_generate(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    working_file = selectors.working_file_get_for_user(request.user, pk)
    if kind not in kinds.KINDS:
        raise Http404("No such document.")
    try:
        documents = document_services.document_request(working_file=working_file, kind=kind, by=request.user)
    except document_services.DocumentUnavailable:
        message = _("Este documento todavía no se puede generar para el expediente.")
        if wants_json(request):
            return JsonResponse({"error": message}, status=409)
        messages.warning(request, message)
        return redirect(f"{reverse('documents:file', args=[pk])}#doc-{kind}")
    if wants_json(request):
        return JsonResponse({"documents": [status_payload(d) for d in documents]}, status=202)
    return redirect(f"{reverse('documents:file', args=[pk])}#doc-{kind}")


@never_cache
@login_required
@require_GET
def document_status(request: HttpRequest, pk: int, document_pk: int) -> JsonResponse:
    working_file = selectors.working_file_get_for_user(request.user, pk)
    document = GeneratedDocument.objects.filter(pk=document_pk, working_file=working_file).first()
    if document is None:
        raise Http404("No such document.")
    return JsonResponse(status_payload(document))


def _file_response(document: GeneratedDocument, *, public: bool = False) -> FileResponse:
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=kinds.download_name(document),
        content_type=kinds.CONTENT_TYPES[document.format],
    )
    response["Cache-Control"] = "public, max-age=3600" if public else "private, no-store"
    return response


@login_required
@require_GET
def document_download(request: HttpRequest, pk: int, document_pk: int) -> HttpResponse:
    working_file = selectors.working_file_get_for_user(request.user, pk)
    document = (
        GeneratedDocument.objects.select_related("working_file__municipality")
        .filter(pk=document_pk, working_file=working_file, status=Status.DONE)
        .first()
    )
    if document is None:
        raise Http404("No such document, or it is not ready.")
    return _file_response(document)


# --- Public: the documents of an inscribed agreement -------------------------------------------------------
def inscribed_or_404(agreement_pk: int):
    """The working file of an agreement inscribed through the portal; 404 for anything else (a known
    relationship, synthetic data, an unknown number)."""
    inscribed = document_selectors.inscribed_file(agreement_pk)
    if inscribed is None:
        raise Http404("No agreement inscribed through the portal here.")
    return inscribed


@require_GET
def public_signed_agreement(request: HttpRequest, pk: int) -> FileResponse:
    inscribed = inscribed_or_404(pk)
    if not hasattr(inscribed, "signature"):
        raise Http404("No public signed agreement here.")
    upload = inscribed.signature.document
    number = inscribed.agreement.registration_number or str(pk)
    response = FileResponse(
        upload.file.open("rb"),
        as_attachment=True,
        filename=f"acuerdo-firmado-{number}.pdf",
        content_type="application/pdf",
    )
    response["Cache-Control"] = "public, max-age=3600"
    return response


@require_GET
def public_constancia(request: HttpRequest, pk: int) -> HttpResponse:
    """The constancia de inscripción: made the first time someone asks (the same data gives the same file).
    The file may be cached for an hour, like the signed agreement; the waiting page never."""
    inscribed = inscribed_or_404(pk)
    (document,) = document_services.document_request(
        working_file=inscribed, kind=GeneratedDocument.Kind.CONSTANCIA
    )
    document.refresh_from_db()  # eager mode (no worker) built it already, after the request's transaction
    if document.status == Status.DONE:
        return _file_response(document, public=True)
    status = 200 if document.status == Status.FAILED else 202
    response = render(
        request,
        "agreements/documents/public_pending.html",
        {"agreement": inscribed.agreement, "document": document, "failed": document.status == Status.FAILED},
        status=status,
    )
    add_never_cache_headers(response)
    return response


@never_cache
@require_GET
def public_constancia_status(request: HttpRequest, pk: int) -> JsonResponse:
    """{"done": bool, "failed": bool, "url": …} for the waiting page's script; asks for nothing itself."""
    inscribed = inscribed_or_404(pk)
    document = (
        GeneratedDocument.objects.filter(working_file=inscribed, kind=GeneratedDocument.Kind.CONSTANCIA)
        .order_by("-version")
        .first()
    )
    status = document.status if document else Status.PENDING
    return JsonResponse(
        {
            "done": status == Status.DONE,
            "failed": status == Status.FAILED,
            "url": reverse("documents:public_constancia", args=[pk]),
        }
    )
