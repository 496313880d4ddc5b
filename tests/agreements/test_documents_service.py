"""Asking for documents: versions by data hash, the task that builds them, pages, downloads, permissions."""

import datetime as dt
import io
import zoneinfo

import docx
import pytest
from django.core import mail
from django.db import OperationalError
from django.utils import timezone

from agreements.documents import kinds
from agreements.documents import services as document_services
from agreements.models import GeneratedDocument, WorkingFile
from agreements.workflow import transitions as workflow
from notifications.models import Notification
from tests.factories import (
    MunicipalityFactory,
    PartnerCityFactory,
    advance,
    complete_file,
    official,
    sre_user,
)

pytestmark = pytest.mark.django_db
Status = GeneratedDocument.Status


@pytest.fixture
def oaxaca():
    return MunicipalityFactory(cvegeo="20067", name="Oaxaca de Juárez")


@pytest.fixture
def titular(oaxaca):
    return official(oaxaca, role="titular", email="enlace@oaxaca.gob.mx")


@pytest.fixture
def wf(oaxaca, titular):
    return complete_file(oaxaca, titular=titular, city=PartnerCityFactory(name="Kioto"))


def request(wf, kind="acuerdo", by=None, capture=None):
    if capture is None:
        return document_services.document_request(working_file=wf, kind=kind, by=by)
    with capture(execute=True):
        return document_services.document_request(working_file=wf, kind=kind, by=by)


def test_request_queues_one_pending_document_per_format(wf, titular, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        documents = request(wf, by=titular)
    assert [(d.kind, d.format, d.version, d.status, d.attempts) for d in documents] == [
        ("acuerdo", "docx", 1, Status.PENDING, 0),
        ("acuerdo", "pdf", 1, Status.PENDING, 0),
    ]
    assert len(callbacks) == 2  # one task each, queued only once the transaction commits
    assert documents[0].data["text"]["counterpart"] == "Gobierno de la Ciudad de Kioto"
    assert documents[0].data_hash == documents[1].data_hash and len(documents[0].data_hash) == 64


def test_the_task_builds_and_stores_each_file(wf, titular, django_capture_on_commit_callbacks):
    documents = request(wf, by=titular, capture=django_capture_on_commit_callbacks)
    built = {d.format: d for d in GeneratedDocument.objects.filter(pk__in=[d.pk for d in documents])}
    assert {f: (d.status, d.attempts, d.error) for f, d in built.items()} == {
        "docx": (Status.DONE, 1, ""),
        "pdf": (Status.DONE, 1, ""),
    }
    word = docx.Document(io.BytesIO(built["docx"].file.read()))
    signatures = [p.text for cell in word.tables[0].rows[0].cells for p in cell.paragraphs]
    assert "POR EL MUNICIPIO DE OAXACA DE JUÁREZ" in signatures
    assert built["pdf"].file.read(5) == b"%PDF-"
    assert built["pdf"].size == built["pdf"].file.size
    assert built["pdf"].file.name == f"documentos/{wf.pk}/{built['pdf'].pk}/1.pdf"


def test_asking_again_with_unchanged_data_returns_the_same_version(
    wf, titular, django_capture_on_commit_callbacks
):
    first = request(wf, by=titular, capture=django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        again = request(wf, by=titular)
    assert [d.pk for d in again] == [d.pk for d in first]
    assert callbacks == []  # nothing queued, nothing rendered
    assert GeneratedDocument.objects.count() == 2


def test_changed_data_makes_the_next_version(wf, titular, django_capture_on_commit_callbacks):
    first = request(wf, by=titular, capture=django_capture_on_commit_callbacks)
    wf.answers["objeto"]["objeto"] = "Cooperar en gestión del patrimonio cultural."
    wf.save()
    second = request(wf, by=titular, capture=django_capture_on_commit_callbacks)
    assert [(d.format, d.version) for d in second] == [("docx", 2), ("pdf", 2)]
    assert second[0].data_hash != first[0].data_hash
    assert GeneratedDocument.objects.filter(status=Status.DONE).count() == 4
    # Back to the first text: the first version again, not a third one.
    wf.answers["objeto"]["objeto"] = first[0].data["text"]["objective"]
    wf.save()
    assert [d.pk for d in request(wf, by=titular)] == [d.pk for d in first]


def test_a_failed_document_asked_again_gets_new_attempts(
    wf, titular, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(document):
        raise ValueError("template bug")

    monkeypatch.setitem(kinds.RENDERERS, "pdf", broken)
    documents = request(wf, by=titular, capture=django_capture_on_commit_callbacks)
    pdf = GeneratedDocument.objects.get(pk=documents[1].pk)
    assert (pdf.status, pdf.attempts, pdf.error) == (Status.FAILED, 1, "ValueError: template bug")
    # The person who asked is told (in the portal and by e-mail).
    assert [m.subject for m in mail.outbox] == [
        "[Ciberparadiplomacia] No se pudo generar: Borrador del acuerdo"
    ]
    monkeypatch.undo()
    again = request(wf, by=titular, capture=django_capture_on_commit_callbacks)
    assert [d.pk for d in again] == [d.pk for d in documents]
    pdf.refresh_from_db()
    assert (pdf.status, pdf.attempts, pdf.error) == (Status.DONE, 1, "")


def test_the_failure_notice_names_the_file_in_the_requesters_language(
    wf, titular, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(document):
        raise ValueError("template bug")

    titular.language = "en"
    titular.save(update_fields=["language"])
    monkeypatch.setitem(kinds.RENDERERS, "pdf", broken)
    request(wf, by=titular, capture=django_capture_on_commit_callbacks)
    (notice,) = Notification.objects.filter(recipient=titular, kind="document.failed")
    assert notice.subject == "Could not generate: Draft agreement"
    assert f"“{wf.display_title}”" not in notice.message  # not the Spanish "Acuerdo con …"
    assert "of the working file “Agreement with " in notice.message


def test_a_transient_error_is_retried_and_counted(
    wf, titular, monkeypatch, django_capture_on_commit_callbacks
):
    real = kinds.RENDERERS["pdf"]
    calls = []

    def flaky(document):
        calls.append(1)
        if len(calls) < 3:
            raise OperationalError("server closed the connection unexpectedly")
        return real(document)

    monkeypatch.setitem(kinds.RENDERERS, "pdf", flaky)
    documents = request(wf, by=titular, capture=django_capture_on_commit_callbacks)
    pdf = GeneratedDocument.objects.get(pk=documents[1].pk)
    assert (pdf.status, pdf.attempts, pdf.error) == (Status.DONE, 3, "")
    assert len(calls) == 3


def test_transient_errors_stop_at_the_attempt_cap(
    wf, titular, monkeypatch, settings, django_capture_on_commit_callbacks
):
    settings.AGREEMENTS_DOCUMENT_MAX_ATTEMPTS = 2

    def down(document):
        raise OperationalError("database is down")

    monkeypatch.setitem(kinds.RENDERERS, "docx", down)
    documents = request(wf, by=titular, capture=django_capture_on_commit_callbacks)
    word = GeneratedDocument.objects.get(pk=documents[0].pk)
    assert (word.status, word.attempts, word.error) == (
        Status.FAILED,
        2,
        "OperationalError: database is down",
    )


def test_claim_lets_one_task_build_and_takes_over_an_abandoned_one(wf, titular, settings):
    settings.AGREEMENTS_DOCUMENT_STALE_AFTER = 60
    (document, _pdf) = request(wf, by=titular)
    assert document_services.document_claim(document_id=document.pk) is True
    assert document_services.document_claim(document_id=document.pk) is False  # a live worker has it
    later = document.created_at + dt.timedelta(seconds=61)
    GeneratedDocument.objects.filter(pk=document.pk).update(started_at=document.created_at)
    assert document_services.document_claim(document_id=document.pk, now=later) is True  # the worker died
    document.refresh_from_db()
    assert (document.status, document.attempts) == (Status.RUNNING, 2)
    assert document_services.document_build(document_id=document.pk) == Status.DONE


def test_sweeper_requeues_lost_tasks_and_fails_worn_out_ones(
    wf, titular, settings, django_capture_on_commit_callbacks
):
    settings.AGREEMENTS_DOCUMENT_STALE_AFTER = 60
    settings.AGREEMENTS_DOCUMENT_MAX_ATTEMPTS = 2
    lost, abandoned = request(wf, by=titular)  # queued on commit, never run: the messages were "lost"
    long_ago = timezone.now() - dt.timedelta(minutes=10)
    GeneratedDocument.objects.filter(pk=lost.pk).update(created_at=long_ago)
    GeneratedDocument.objects.filter(pk=abandoned.pk).update(
        status=Status.RUNNING, attempts=2, started_at=long_ago
    )
    with django_capture_on_commit_callbacks(execute=True):
        outcome = document_services.documents_requeue_stale()
    assert outcome == {"requeued": 1, "failed": 1}
    lost.refresh_from_db()
    abandoned.refresh_from_db()
    assert (lost.status, lost.attempts) == (Status.DONE, 1)
    assert (abandoned.status, abandoned.error) == (Status.FAILED, "attempt cap reached")


def test_the_draft_knows_the_country_of_a_city_typed_without_the_list(wf):
    """Without JavaScript the official types the city (no `ciudad_id`); the wizard matches the name, and the
    documents must name the same city and country as they do for a picked one."""
    from agreements.documents import data

    picked = data.text_data(wf)
    wf.answers = {**wf.answers, "contraparte": {**wf.answers["contraparte"], "ciudad_id": ""}}
    typed = data.text_data(wf)
    assert picked["country_iso2"] and picked["country_es"]
    assert (typed["country_iso2"], typed["country_es"]) == (picked["country_iso2"], picked["country_es"])


def test_dictamen_and_constancia_wait_for_the_workflow(wf, titular):
    with pytest.raises(document_services.DocumentUnavailable):
        request(wf, kind="dictamen", by=titular)
    with pytest.raises(document_services.DocumentUnavailable):
        request(wf, kind="constancia", by=titular)


def test_dictamen_and_constancia_once_issued(wf, titular, django_capture_on_commit_callbacks):
    reviewer = sre_user(first_name="Laura", last_name="Méndez")
    wf = advance(wf, WorkingFile.State.INSCRIBED, titular=titular, reviewer=reviewer)
    (dictamen,) = request(wf, kind="dictamen", by=titular, capture=django_capture_on_commit_callbacks)
    (constancia,) = request(wf, kind="constancia", capture=django_capture_on_commit_callbacks)
    assert dictamen.data["favorable"] is True and dictamen.data["issued_by"] == "Laura Méndez"
    assert constancia.data["number"] == wf.agreement.registration_number
    assert constancia.data["counterpart"] == "Kioto"  # the registry entry's counterpart
    assert GeneratedDocument.objects.get(pk=constancia.pk).status == Status.DONE


def test_the_dictamen_is_dated_in_mexico_not_in_utc(wf, titular):
    wf = advance(wf, WorkingFile.State.FAVORABLE, titular=titular, reviewer=sre_user())
    evening = dt.datetime(2026, 3, 10, 20, 30, tzinfo=zoneinfo.ZoneInfo("America/Mexico_City"))  # 02:30 UTC
    wf.dictamen.issued_at = evening
    wf.dictamen.save(update_fields=["issued_at"])
    wf = WorkingFile.objects.get(pk=wf.pk)  # read back from the database, in UTC
    (dictamen,) = request(wf, kind="dictamen", by=titular)
    assert dictamen.data["issued_on"] == "2026-03-10"


# --- Pages -------------------------------------------------------------------------------------------------
def test_documents_page_generate_and_download(client, wf, titular, django_capture_on_commit_callbacks):
    client.force_login(titular)
    page = client.get(f"/expedientes/{wf.pk}/documentos/")
    assert page.status_code == 200
    assert [s["kind"] for s in page.context["sections"]] == [
        "acuerdo",
        "carta",
        "oficio",
        "dictamen",
        "constancia",
    ]
    assert [s["available"] for s in page.context["sections"]] == [True, True, True, False, False]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/expedientes/{wf.pk}/documentos/generar/acuerdo/")
    assert response.status_code == 302
    assert response["Location"] == f"/expedientes/{wf.pk}/documentos/#doc-acuerdo"
    pdf = GeneratedDocument.objects.get(kind="acuerdo", format="pdf")
    download = client.get(f"/expedientes/{wf.pk}/documentos/generados/{pdf.pk}/")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == 'attachment; filename="acuerdo-oaxaca-de-juarez-kioto-v1.pdf"'
    assert download["Cache-Control"] == "private, no-store"
    assert b"".join(download.streaming_content)[:5] == b"%PDF-"


def test_generate_answers_json_with_status_urls(client, wf, titular, django_capture_on_commit_callbacks):
    client.force_login(titular)
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(
            f"/expedientes/{wf.pk}/documentos/generar/carta/", HTTP_ACCEPT="application/json"
        )
    assert response.status_code == 202
    docs = response.json()["documents"]
    assert [(d["format"], d["status"], d["done"]) for d in docs] == [
        ("docx", "pending", False),
        ("pdf", "pending", False),
    ]
    status = client.get(docs[1]["status_url"]).json()
    assert (status["status"], status["status_label"], status["done"]) == ("pending", "En cola", False)
    page = client.get(f"/expedientes/{wf.pk}/documentos/").content.decode()
    assert page.count('<span class="doc-working">Generando…</span>') == 2
    assert "Hay documentos generándose." in page


def test_documents_page_refuses_bad_input(client, wf, titular):
    client.force_login(titular)
    assert client.post(f"/expedientes/{wf.pk}/documentos/generar/otro/").status_code == 404
    response = client.post(f"/expedientes/{wf.pk}/documentos/generar/dictamen/", follow=True)
    assert response.redirect_chain == [(f"/expedientes/{wf.pk}/documentos/#doc-dictamen", 302)]
    assert [str(m) for m in response.context["messages"]] == [
        "Este documento todavía no se puede generar para el expediente."
    ]
    json = client.post(f"/expedientes/{wf.pk}/documentos/generar/dictamen/", HTTP_ACCEPT="application/json")
    assert json.status_code == 409
    assert json.json() == {"error": "Este documento todavía no se puede generar para el expediente."}
    assert client.get(f"/expedientes/{wf.pk}/documentos/generar/acuerdo/").status_code == 405


def test_other_municipalities_and_sre_before_sending_get_404(
    client, wf, titular, django_capture_on_commit_callbacks
):
    request(wf, by=titular, capture=django_capture_on_commit_callbacks)
    pdf = GeneratedDocument.objects.get(format="pdf")
    urls = [
        f"/expedientes/{wf.pk}/documentos/",
        f"/expedientes/{wf.pk}/documentos/generados/{pdf.pk}/",
        f"/expedientes/{wf.pk}/documentos/generados/{pdf.pk}/estado/",
    ]
    for user in (official(MunicipalityFactory(cvegeo="14039")), sre_user()):
        client.force_login(user)
        assert [client.get(url).status_code for url in urls] == [404, 404, 404]
        assert client.post(f"/expedientes/{wf.pk}/documentos/generar/acuerdo/").status_code == 404
    client.logout()
    assert client.get(urls[1])["Location"].startswith("/cuentas/login/?next=")
    # The user's own file with another file's document id: still out of reach.
    own = complete_file(
        MunicipalityFactory(cvegeo="14039"), titular=official(MunicipalityFactory(cvegeo="14039"))
    )
    client.force_login(own.created_by)
    assert client.get(f"/expedientes/{own.pk}/documentos/generados/{pdf.pk}/").status_code == 404


def test_a_document_not_ready_is_not_downloadable(client, wf, titular):
    (word, _pdf) = request(wf, by=titular)
    client.force_login(titular)
    assert client.get(f"/expedientes/{wf.pk}/documentos/generados/{word.pk}/").status_code == 404


@pytest.mark.parametrize("versions", [1, 50])
def test_documents_page_query_count_is_constant(client, wf, titular, versions, django_assert_num_queries):
    for n in range(1, versions + 1):
        for fmt in ("docx", "pdf"):
            GeneratedDocument.objects.create(
                working_file=wf,
                kind="acuerdo",
                format=fmt,
                version=n,
                data_hash=f"{n:064d}",
                status=Status.DONE,
                size=10,
            )
    client.force_login(titular)
    client.get(f"/expedientes/{wf.pk}/documentos/")
    # session, user, the file, its documents, the dictamen check
    with django_assert_num_queries(5):
        response = client.get(f"/expedientes/{wf.pk}/documentos/")
    section = response.context["sections"][0]
    assert [d.version for d in section["latest"]] == [versions, versions]
    assert len(section["older"]) == 2 * (versions - 1)


# --- Public documents of an inscribed agreement ----------------------------------------------------------
def test_public_documents_appear_once_inscribed(client, wf, titular, django_capture_on_commit_callbacks):
    from registry.selectors import agreement_public_documents

    reviewer = sre_user()
    signed = advance(wf, WorkingFile.State.SIGNED, titular=titular, reviewer=reviewer)
    assert signed.agreement_id is None
    wf = workflow.transition(file_id=signed.pk, action=workflow.Action.INSCRIBE, by=reviewer, data={})
    agreement = wf.agreement
    documents = agreement_public_documents(agreement)
    assert [(d.kind, d.url) for d in documents] == [
        ("signed_agreement", f"/registro/{agreement.pk}/acuerdo-firmado/"),
        ("registration_certificate", f"/registro/{agreement.pk}/constancia/"),
    ]
    signed = client.get(f"/registro/{agreement.pk}/acuerdo-firmado/")
    assert signed.status_code == 200
    assert (
        signed["Content-Disposition"]
        == f'attachment; filename="acuerdo-firmado-{agreement.registration_number}.pdf"'
    )
    status_url = f"/registro/{agreement.pk}/constancia/estado/"
    with django_capture_on_commit_callbacks(execute=True):
        waiting = client.get(f"/registro/{agreement.pk}/constancia/")
        # The first visitor asks for it: "Generando…" while the task runs (here: when the request's
        # transaction commits, at the end of this block).
        assert waiting.status_code == 202
        assert "La constancia se está generando" in waiting.content.decode()
        assert "no-store" in waiting["Cache-Control"]  # the waiting page is never kept
        assert client.get(status_url).json() == {
            "done": False,
            "failed": False,
            "url": f"/registro/{agreement.pk}/constancia/",
        }
    assert client.get(status_url).json()["done"] is True
    constancia = client.get(f"/registro/{agreement.pk}/constancia/")
    assert constancia.status_code == 200
    assert constancia["Content-Type"] == "application/pdf"
    assert constancia["Cache-Control"] == "public, max-age=3600"  # public data, like the signed agreement
    assert constancia["Content-Disposition"] == (
        'attachment; filename="constancia-de-inscripcion-oaxaca-de-juarez-kioto-v1.pdf"'
    )
    assert GeneratedDocument.objects.filter(kind="constancia").count() == 1


def test_no_public_documents_before_inscription_or_for_known_relationships(client, wf, titular):
    from registry.selectors import agreement_public_documents
    from tests.factories import AgreementFactory

    known = AgreementFactory()
    assert agreement_public_documents(known) == []
    assert client.get(f"/registro/{known.pk}/acuerdo-firmado/").status_code == 404
    assert client.get(f"/registro/{known.pk}/constancia/").status_code == 404
    assert client.get(f"/registro/{known.pk}/constancia/estado/").status_code == 404
