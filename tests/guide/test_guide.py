"""The knowledge centre: the process guide (steps linked to the wizard and to the law), glossary, FAQ, and the
readiness self-check, whose answers start a working file for a titular. In Spanish and in English."""

import re

import pytest
from django.test import Client

from agreements.models import WorkingFile
from guide import selfcheck
from guide.faq import FAQ
from guide.glossary import GLOSSARY
from guide.process import PROCESS
from tests.factories import WorkingFileFactory, official, showcase_world, sre_user

pytestmark = pytest.mark.django_db

ANSWERS = {"oficina": "si", "presupuesto": "parcial", "cabildo": "si", "objetivo": "no", "socio": "parcial"}


def text(response) -> str:
    return response.content.decode()


# --- The process guide -------------------------------------------------------------------------------------
def test_the_guide_has_every_step_with_who_documents_and_law(client):
    html = text(client.get("/guia/"))
    titles = re.findall(r'<li class="process-step" id="paso-(\d+)">', html)
    assert titles == [str(n) for n in range(11)]
    assert "Informar a la SRE antes de firmar" in html
    assert html.count("<dt>Quién</dt>") == 11
    assert html.count("<dt>Qué hace la SRE</dt>") == 3  # receives, reviews, inscribes
    assert (
        '<a href="/guia/ley/#articulo-7">'
        "LCT art. 7: informar a la SRE antes de firmar; dictamen y registro</a>" in html
    )
    assert '<a href="/guia/ley/#cpeum-115">' in html and '<a href="/guia/ley/#cpeum-117">' in html


def test_every_cited_article_exists_on_the_law_page(client):
    law = text(client.get("/guia/ley/"))
    anchors = {a.anchor for step in PROCESS for a in step.articles}
    anchors |= {a.anchor for q in FAQ for a in q.articles}
    assert anchors == {"articulo-1", "articulo-2", "articulo-7", "articulo-8", "cpeum-115", "cpeum-117"}
    for anchor in anchors:
        assert f'id="{anchor}"' in law, anchor


def test_each_wizard_step_is_named_once_in_order(client):
    html = text(client.get("/guia/"))
    steps = re.findall(r"Asistente, paso (\d) de 7: ([^<]+)</a>", html)
    assert steps == [
        ("1", "Diagnóstico"),
        ("2", "Contraparte"),
        ("4", "Carta de intención"),
        ("5", "Texto del acuerdo"),
        ("6", "Aprobación de cabildo"),
        ("7", "Revisión y envío"),
    ]


def test_wizard_links_lead_to_the_officials_draft(client):
    world = showcase_world()
    oaxaca = world["municipalities"]["oaxaca"]
    user = official(oaxaca)
    # Anonymous: the list of files, which asks to log in.
    assert '<a href="/expedientes/">Asistente, paso 1 de 7: Diagnóstico</a>' in text(client.get("/guia/"))
    client.force_login(user)
    assert '<a href="/expedientes/nuevo/">Asistente, paso 1 de 7: Diagnóstico</a>' in text(
        client.get("/guia/")
    )
    wf = WorkingFileFactory(municipality=oaxaca)
    html = text(client.get("/guia/"))
    assert (
        f'<a href="/expedientes/{wf.pk}/pasos/contraparte/">Asistente, paso 2 de 7: Contraparte</a>' in html
    )


def test_the_guide_in_english(client):
    html = text(client.get("/en/guia/"))
    assert "<h1>Guide: the process step by step</h1>" in html
    assert "Inform the SRE before signing" in html
    assert '<a href="/en/expedientes/">Wizard, step 2 of 7: Counterpart</a>' in html
    assert (
        '<a href="/en/guia/ley/#articulo-1">'
        "LCT art. 1: with whom an inter-institutional agreement is made</a>" in html
    )


# --- Glossary and FAQ --------------------------------------------------------------------------------------
def test_glossary_in_both_languages(client):
    html = text(client.get("/guia/glosario/"))
    terms = re.findall(r'<dt><span lang="es">([^<]+)</span>', html)
    assert len(terms) == len(GLOSSARY) == 30
    assert terms[:3] == ["acta de cabildo", "acuerdo interinstitucional", "ayuntamiento"]
    assert '<div id="dictamen-de-procedencia">' in html
    assert "(council minutes)" not in html
    english = text(client.get("/en/guia/glosario/"))
    assert (
        '<dt><span lang="es">acta de cabildo</span> <span class="gloss">(council minutes)</span></dt>'
        in english
    )
    assert "<dd>The record of what a council session decided, with the vote.</dd>" in english


def test_faq_in_both_languages(client):
    html = text(client.get("/guia/preguntas-frecuentes/"))
    assert html.count('<section class="faq-item"') == len(FAQ) == 12
    assert '<h2 id="sre-pregunta">¿Hay que avisar a la SRE? ¿Antes o después de firmar?</h2>' in html
    english = text(client.get("/en/guia/preguntas-frecuentes/"))
    assert '<h2 id="sre-pregunta">Must the SRE be told? Before or after signing?</h2>' in english
    assert "The law sets no deadline for the opinion or for the inscription." in english


# --- The self-check: scoring -------------------------------------------------------------------------------
ALL_PARTLY = dict.fromkeys(ANSWERS, "parcial")


@pytest.mark.parametrize(
    ("answers", "score", "level", "next_steps"),
    [
        (dict.fromkeys(ANSWERS, "si"), 10, "listo", []),
        (ANSWERS, 6, "casi", ["objetivo", "presupuesto", "socio"]),
        (ALL_PARTLY, 5, "casi", ["oficina", "presupuesto", "cabildo", "objetivo", "socio"]),
        (
            {**dict.fromkeys(ANSWERS, "no"), "cabildo": "parcial"},
            1,
            "preparar",
            ["oficina", "presupuesto", "objetivo", "socio", "cabildo"],
        ),
        ({**dict.fromkeys(ANSWERS, "si"), "socio": "no"}, 8, "listo", ["socio"]),
        (
            {**ALL_PARTLY, "socio": "no", "oficina": "no"},
            3,
            "preparar",
            ["oficina", "socio", "presupuesto", "cabildo", "objetivo"],
        ),
    ],
)
def test_scoring(answers, score, level, next_steps):
    result = selfcheck.score(answers)
    assert (result.score, result.level.code, [q.name for q in result.next_steps]) == (
        score,
        level,
        next_steps,
    )


def test_the_result_page_lists_concrete_next_steps(client):
    response = client.post("/guia/autodiagnostico/", ANSWERS)
    html = text(response)
    assert '<p class="selfcheck-score">6 de 10 puntos</p>' in html
    assert "<h2>Casi listo</h2>" in html
    steps = re.findall(r"<li><p>([^<]+)</p>", html)
    assert [s[:40] for s in steps] == [
        "Escriba en dos o tres frases qué quiere ",
        "Prevea una partida modesta para traducci",
        "Mire las ciudades que el portal sugiere ",
    ]
    assert '<a href="/buscan-socio/">Buscan socio</a>' in html
    # Anonymous: how to get an account, and no button.
    assert 'href="/cuentas/login/?next=/guia/autodiagnostico/">inicie sesión</a>' in html
    assert "Iniciar un expediente con estas respuestas" not in html


def test_the_self_check_in_english(client):
    form = text(client.get("/en/guia/autodiagnostico/"))
    assert "Does the municipality have an office or a person in charge of international affairs?" in form
    html = text(client.post("/en/guia/autodiagnostico/", ANSWERS))
    assert '<p class="selfcheck-score">6 of 10 points</p>' in html and "<h2>Almost ready</h2>" in html


def test_unanswered_or_unknown_answers_are_refused(client):
    response = client.post("/guia/autodiagnostico/", {**ANSWERS, "oficina": "quizas", "cabildo": ""})
    assert response.status_code == 400
    html = text(response)
    assert "Seleccione una opción válida. quizas no es una de las opciones disponibles." in html
    assert (
        '<a href="#id_cabildo_0">'
        "¿El cabildo apoya la idea de un acuerdo internacional?: Elija una respuesta.</a>" in html
    )


# --- The self-check: starting a working file ----------------------------------------------------------------
@pytest.fixture
def oaxaca():
    return showcase_world()["municipalities"]["oaxaca"]


def start_data(**overrides) -> dict:
    return {
        **ANSWERS,
        "oficina_nombre": "Dirección de Asuntos Internacionales",
        "objetivo_texto": "Atraer turismo cultural de Europa.",
        "ciudad": "Kioto",
        "municipality": "20067",
        **overrides,
    }


def test_a_titular_starts_a_working_file_with_the_answers_carried_over(client, oaxaca):
    user = official(oaxaca)
    client.force_login(user)
    html = text(client.post("/guia/autodiagnostico/", start_data()))
    assert "Iniciar un expediente con estas respuestas" in html
    assert '<input type="hidden" name="objetivo_texto" value="Atraer turismo cultural de Europa."' in html
    assert '<input type="hidden" name="municipality" value="20067"' in html
    response = client.post("/guia/autodiagnostico/expediente/", start_data())
    wf = WorkingFile.objects.get()
    assert response["Location"] == f"/expedientes/{wf.pk}/"
    assert (wf.municipality_id, wf.created_by, wf.state) == ("20067", user, "borrador")
    assert wf.answers["diagnostico"]["objetivo"] == "Atraer turismo cultural de Europa."
    assert wf.answers["diagnostico"]["oficina"] == "Dirección de Asuntos Internacionales"
    assert wf.answers["contraparte"]["ciudad"] == "Kioto"
    assert wf.step_statuses["diagnostico"] == "en_progreso"  # the enlace's name and e-mail are still missing
    assert "Se creó el expediente con sus respuestas del autodiagnóstico." in text(
        client.get(response["Location"])
    )


def test_empty_texts_start_an_empty_file(client, oaxaca):
    client.force_login(official(oaxaca))
    client.post(
        "/guia/autodiagnostico/expediente/", start_data(oficina_nombre="", objetivo_texto="", ciudad="")
    )
    assert WorkingFile.objects.get().answers == {}


@pytest.mark.parametrize("who", ["capturista", "sre", "other_titular"])
def test_only_a_titular_of_the_municipality_starts_a_file(client, oaxaca, who):
    users = {
        "capturista": lambda: official(oaxaca, role="capturista"),
        "sre": sre_user,
        "other_titular": lambda: official(oaxaca.__class__.objects.get(pk="14039")),
    }
    client.force_login(users[who]())
    response = client.post("/guia/autodiagnostico/expediente/", start_data())
    assert response.status_code == (400 if who == "other_titular" else 403)
    assert not WorkingFile.objects.exists()


def test_starting_a_file_needs_login_post_and_csrf(client, oaxaca):
    url = "/guia/autodiagnostico/expediente/"
    assert client.post(url, start_data())["Location"] == f"/cuentas/login/?next={url}"
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(official(oaxaca))
    assert strict.get(url).status_code == 405
    assert strict.post(url, start_data()).status_code == 403
    assert not WorkingFile.objects.exists()


@pytest.mark.parametrize("rows", [1, 50])
def test_pages_are_constant_in_queries(client, oaxaca, django_assert_num_queries, rows):
    for _ in range(rows):
        WorkingFileFactory(municipality=oaxaca)
    client.force_login(official(oaxaca))
    # session, user, memberships, the latest draft (the guide); session, user (glossary, FAQ)
    for url, queries in [("/guia/", 4), ("/guia/glosario/", 2), ("/guia/preguntas-frecuentes/", 2)]:
        client.get(url)
        with django_assert_num_queries(queries):
            assert client.get(url).status_code == 200
