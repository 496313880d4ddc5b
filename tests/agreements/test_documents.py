"""The generated documents' content: the DOCX read back with python-docx, the PDF through pdftotext.

Pure rendering (agreements/documents/): no database. The texts must follow DOMAIN.md §4: title, proemio with
«las Partes», considerandos, eleven articles in order, and the signature clause in every language.
"""

import datetime as dt
import io
import re
import shutil
import subprocess

import docx
import pytest
from pypdf import PdfReader

from agreements import clauses
from agreements.documents import agreement, letters
from agreements.documents import docx as docx_renderer
from agreements.documents import pdf as pdf_renderer
from tests.conftest import require

ARTICLES_ES = [
    "ARTÍCULO I. Objeto",
    "ARTÍCULO II. Áreas de cooperación",
    "ARTÍCULO III. Modalidades",
    "ARTÍCULO IV. Programa de trabajo",
    "ARTÍCULO V. Coordinación",
    "ARTÍCULO VI. Financiamiento",
    "ARTÍCULO VII. Personal",
    "ARTÍCULO VIII. Propiedad intelectual",
    "ARTÍCULO IX. Solución de controversias",
    "ARTÍCULO X. Modificaciones",
    "ARTÍCULO XI. Entrada en vigor, vigencia y terminación",
]
ARTICLES_EN = [
    "ARTICLE I. Purpose",
    "ARTICLE II. Areas of cooperation",
    "ARTICLE III. Forms of cooperation",
    "ARTICLE IV. Work programme",
    "ARTICLE V. Coordination",
    "ARTICLE VI. Funding",
    "ARTICLE VII. Staff",
    "ARTICLE VIII. Intellectual property",
    "ARTICLE IX. Settlement of disputes",
    "ARTICLE X. Amendments",
    "ARTICLE XI. Entry into force, duration and termination",
]
SIGNATURE_ES = (
    "Firmado en Oaxaca de Juárez, el 15 de marzo de 2027, en dos ejemplares originales en idiomas español e "
    "inglés, siendo ambos textos igualmente auténticos."
)
SIGNATURE_EN = (
    "Signed at Oaxaca de Juárez, on March 15, 2027, in two original copies in the Spanish and English "
    "languages, both texts being equally authentic."
)


def kyoto_text(**changes) -> clauses.AgreementText:
    values = {
        "municipality": "Oaxaca de Juárez",
        "state": "Oaxaca",
        "counterpart": "Gobierno de la Ciudad de Kioto",
        "country_iso2": "JP",
        "country_es": "Japón",
        "type": "hermanamiento",
        "objective": "Promover el intercambio cultural y turístico entre ambas ciudades.",
        "themes": ["cultural", "turistica"],
        "modalities": ["intercambio", "eventos"],
        "languages": ["es", "en"],
        "validity": "plazo",
        "years": 5,
        "committee": True,
        "financing": "disponibilidad",
        "disputes": "comun_acuerdo",
        "signing_date": dt.date(2027, 3, 15),
        "signing_place": "Oaxaca de Juárez",
        **changes,
    }
    return clauses.AgreementText(**values)


def docx_paragraphs(data: bytes) -> list[str]:
    document = docx.Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                texts.extend(p.text for p in cell.paragraphs)
    return [t for t in texts if t.strip()]


def pdf_text(data: bytes) -> str:
    """pdftotext's reading-order text with line breaks joined, so a sentence set in a column reads whole."""
    require(bool(shutil.which("pdftotext")), "pdftotext (Debian poppler-utils)")
    raw = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True).stdout.decode()
    return re.sub(r"\s+", " ", raw)


def test_agreement_docx_has_both_languages_in_section_4_order():
    data = docx_renderer.render(agreement.build(kyoto_text()))
    paragraphs = docx_paragraphs(data)
    headings = [p for p in paragraphs if p.startswith(("ARTÍCULO ", "ARTICLE "))]
    assert headings == ARTICLES_ES + ARTICLES_EN
    assert paragraphs[1] == (
        "ACUERDO DE HERMANAMIENTO ENTRE EL MUNICIPIO DE OAXACA DE JUÁREZ, OAXACA, DE LOS ESTADOS UNIDOS "
        "MEXICANOS Y GOBIERNO DE LA CIUDAD DE KIOTO, JAPÓN"
    )
    assert (
        "El Municipio de Oaxaca de Juárez, Oaxaca, de los Estados Unidos Mexicanos, y Gobierno de la Ciudad "
        "de "
        "Kioto, Japón, en adelante denominados «las Partes»;"
    ) in paragraphs
    assert "RECONOCIENDO los lazos de amistad que unen a sus pueblos;" in paragraphs
    assert "HAN ACORDADO LO SIGUIENTE:" in paragraphs
    assert (
        "Las Partes cooperarán en las siguientes áreas, en el ámbito de sus respectivas atribuciones: "
        "cultura y "
        "turismo."
    ) in paragraphs
    assert (
        "The Parties shall cooperate in the following areas, within their respective powers: culture and "
        "tourism." in (paragraphs)
    )
    assert any("sujeto a la disponibilidad presupuestal" in p for p in paragraphs)
    assert SIGNATURE_ES in paragraphs and SIGNATURE_EN in paragraphs
    assert paragraphs.count("POR EL MUNICIPIO DE OAXACA DE JUÁREZ") == 1
    assert "FOR THE MUNICIPALITY OF OAXACA DE JUÁREZ" in paragraphs
    assert paragraphs.count("POR GOBIERNO DE LA CIUDAD DE KIOTO") == 1
    assert "Presidente(a) Municipal" in paragraphs and "Municipal President" in paragraphs


def test_agreement_docx_is_editable_word_with_dejavu_and_page_numbers():
    document = docx.Document(io.BytesIO(docx_renderer.render(agreement.build(kyoto_text()))))
    assert document.styles["Normal"].font.name == "DejaVu Serif"
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 2"] == ARTICLES_ES + ARTICLES_EN
    footer = document.sections[0].footer._element.xml
    assert "Página " in footer and " de " in footer and "Page " in footer
    assert footer.count("PAGE") == 4  # PAGE and NUMPAGES, once per language
    assert document.core_properties.title.startswith("ACUERDO DE HERMANAMIENTO ENTRE EL MUNICIPIO DE OAXACA")


def test_agreement_pdf_sets_the_languages_side_by_side():
    data = pdf_renderer.render(agreement.build(kyoto_text()))
    text = pdf_text(data)
    for heading_es, heading_en in zip(ARTICLES_ES, ARTICLES_EN, strict=True):
        # Side by side: each Spanish article heading is followed by its English one on the same line.
        assert f"{heading_es} {heading_en}" in text
    reader = PdfReader(io.BytesIO(data))
    first = re.sub(r"\s+", " ", reader.pages[0].extract_text())
    assert first.startswith("ESPAÑOL ENGLISH")
    pages = len(reader.pages)
    assert f"Página 1 de {pages} / Page 1 of {pages}" in text
    assert f"Página {pages} de {pages} / Page {pages} of {pages}" in text
    fonts = {
        str(font["/BaseFont"]).split("+")[-1]
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert fonts == {"DejaVu-Serif", "DejaVu-Serif-Bold", "DejaVu-Sans", "DejaVu-Sans-Bold"}


def test_agreement_pdf_has_parties_themes_and_signature_in_both_languages():
    text = pdf_text(pdf_renderer.render(agreement.build(kyoto_text())))
    # Columns interleave lines: check each language's phrases piece by piece, in order.
    for phrase in (
        "ACUERDO DE HERMANAMIENTO",
        "en adelante denominados «las Partes»;",
        "SISTER CITY AGREEMENT",
        "hereinafter referred to as “the Parties”;",
        "cultura y turismo",
        "culture and tourism",
        "POR EL MUNICIPIO DE OAXACA DE JUÁREZ",
        "FOR THE MUNICIPALITY OF OAXACA DE JUÁREZ",
    ):
        assert phrase in text, phrase
    assert "en dos ejemplares originales en idiomas español e inglés, siendo ambos textos igualmente" in text
    assert "in two original copies in the Spanish and English languages, both texts being equally" in text


def test_a_language_outside_the_library_keeps_spanish_marked_for_translation():
    document = agreement.build(kyoto_text(languages=["es", "ja"]))
    japanese = document.versions[1]
    assert (japanese.language, japanese.label) == ("ja", "japonés (traducción pendiente)")
    assert all(block.pending for block in japanese.blocks if block.kind != "signatures")
    paragraphs = docx_paragraphs(docx_renderer.render(document))
    assert "[ARTÍCULO IV. Programa de trabajo]" in paragraphs
    assert paragraphs.count("ARTÍCULO IV. Programa de trabajo") == 1


def test_three_languages_go_landscape_in_three_columns():
    document = agreement.build(kyoto_text(languages=["es", "en", "fr"]))
    html = pdf_renderer.html(document)
    assert '<body class="landscape">' in html
    assert html.count('<th scope="col" lang="es">') == 3
    assert "ARTICLE IV. Programme de travail" in html


def test_carta_de_intencion_is_bilingual_with_the_liaisons():
    document = letters.carta(
        kyoto_text(),
        {"liaison": ("Ana López", "Directora de Asuntos Internacionales"), "contact": ("Hiroshi Tanaka", "")},
    )
    paragraphs = docx_paragraphs(docx_renderer.render(document))
    assert "CARTA DE INTENCIÓN" in paragraphs and "LETTER OF INTENT" in paragraphs
    assert (
        "Para preparar el texto del acuerdo, cada Parte designa a una persona enlace: por el Municipio de "
        "Oaxaca "
        "de Juárez, Ana López, Directora de Asuntos Internacionales; por Gobierno de la Ciudad de Kioto, "
        "Hiroshi "
        "Tanaka."
    ) in paragraphs
    assert (
        "The Parties wish to cooperate, within their respective powers, in the following areas: culture and "
        "tourism."
    ) in paragraphs
    assert "__________, a ___ de __________ de ____" in paragraphs


def test_oficio_to_the_dgcp_cites_article_7_and_lists_the_annexes():
    document = letters.oficio(
        kyoto_text(),
        {
            "office": "Oficina de Asuntos Internacionales",
            "liaison_name": "Ana López",
            "liaison_office": "Directora",
            "liaison_email": "ana@oaxaca.gob.mx",
            "session_date": "2026-11-05",
            "votes_for": "10",
            "votes_against": "2",
            "abstentions": "0",
            "resolution": "Punto 5 del orden del día",
            "letter_date": "2026-10-01",
        },
    )
    text = pdf_text(pdf_renderer.render(document))
    assert "DIRECCIÓN GENERAL DE COORDINACIÓN POLÍTICA SECRETARÍA DE RELACIONES EXTERIORES" in text
    assert "En cumplimiento del artículo 7 de la Ley sobre la Celebración de Tratados" in text
    assert "suscribir un acuerdo de hermanamiento con Gobierno de la Ciudad de Kioto, Japón." in text
    assert (
        "sesión de cabildo del 5 de noviembre de 2026 (Punto 5 del orden del día), con 10 votos a favor, 2 "
        "en "
        "contra y 0 abstenciones."
    ) in text
    assert "1. Texto del acuerdo en idiomas español e inglés." in text
    assert "3. Carta de intención del 1 de octubre de 2026." in text
    assert "Página 1 de 1" in text


def test_dictamen_states_its_sense_and_reasoning():
    text = pdf_text(
        pdf_renderer.render(
            letters.dictamen(
                {
                    "file_ref": "EXP-000042",
                    "title": "ACUERDO DE HERMANAMIENTO ENTRE …",
                    "municipality": "Oaxaca de Juárez",
                    "state": "Oaxaca",
                    "counterpart": "Gobierno de la Ciudad de Kioto",
                    "country": "Japón",
                    "favorable": True,
                    "reasoning": "El objeto corresponde a atribuciones municipales.",
                    "issued_on": "2026-12-01",
                    "issued_by": "Laura Méndez",
                }
            )
        )
    )
    assert "DICTAMEN DE PROCEDENCIA" in text
    assert "Expediente EXP-000042" in text
    assert "Sentido del dictamen FAVORABLE" in text
    assert "El objeto corresponde a atribuciones municipales." in text
    assert "esta Consultoría Jurídica emite dictamen favorable respecto de la procedencia" in text
    assert "Ciudad de México, 1 de diciembre de 2026." in text


def test_constancia_carries_the_registry_number():
    text = pdf_text(
        pdf_renderer.render(
            letters.constancia(
                {
                    "number": "RAI-2026-00007",
                    "title": "Hermanamiento Oaxaca de Juárez–Kioto",
                    "type": "Hermanamiento",
                    "municipality": "Oaxaca de Juárez",
                    "state": "Oaxaca",
                    "counterpart": "Gobierno de la Ciudad de Kioto",
                    "country": "Japón",
                    "signed_place": "Kioto",
                    "signed_on": "2026-12-10",
                    "dictamen_on": "2026-12-01",
                    "registered_on": "2026-12-15",
                    "valid_from": "2026-12-10",
                    "valid_until": "2031-12-10",
                    "themes": ["cultura", "turismo"],
                    "languages": ["español", "japonés"],
                }
            )
        )
    )
    assert "CONSTANCIA DE INSCRIPCIÓN Número de registro: RAI-2026-00007" in text
    assert (
        "quedó inscrito en el Registro de Acuerdos Interinstitucionales a que se refiere el artículo 7 de "
        "la Ley "
        "sobre la Celebración de Tratados, con el número RAI-2026-00007, el 15 de diciembre de 2026."
    ) in text
    assert "Vigencia del 10 de diciembre de 2026 al 10 de diciembre de 2031" in text


@pytest.mark.parametrize("language", ["es", "en", "fr", "pt"])
def test_every_library_language_has_the_three_added_articles(language):
    version = agreement.version(kyoto_text(languages=["es", language]), language)
    headings = [b.text for b in version.blocks if b.kind == "heading"]
    assert len(headings) == 11
    assert [h.split(". ", 1)[0].split()[-1] for h in headings] == [
        "I",
        "II",
        "III",
        "IV",
        "V",
        "VI",
        "VII",
        "VIII",
        "IX",
        "X",
        "XI",
    ]
    assert headings[3].endswith(clauses.MORE_ARTICLES[language]["work_programme"][0])
    assert headings[6].endswith(clauses.MORE_ARTICLES[language]["staff"][0])
    assert headings[7].endswith(clauses.MORE_ARTICLES[language]["intellectual_property"][0])


@pytest.mark.parametrize(
    ("items", "joined"),
    [
        (["español", "inglés"], "español e inglés"),
        (["cultural", "histórica"], "cultural e histórica"),
        (["agua", "hielo"], "agua y hielo"),  # «hie» sounds /ʝe/, not /i/: «y»
        (["turística", "educativa"], "turística y educativa"),
        (["A", "B", "iglesias"], "A, B e iglesias"),
    ],
)
def test_spanish_lists_use_e_before_the_sound_i(items, joined):
    assert clauses.join_list(items, "es") == joined


def test_wizard_preview_and_generated_draft_have_the_same_eleven_articles():
    text = kyoto_text(languages=["es", "en"])
    preview = clauses.build(text, "es")
    assert [c.heading for c in preview.clauses][3] == "ARTÍCULO IV. Programa de trabajo"
    assert len(preview.clauses) == 11
    assert [h for h, _ in agreement.articles(preview)] == [
        c.heading.split(". ", 1)[1] for c in preview.clauses
    ]


def test_title_typed_in_step_5_heads_the_spanish_text_only():
    text = kyoto_text(languages=["es", "en"])
    text.title = "Acuerdo de hermanamiento Oaxaca–Kioto"
    assert clauses.build(text, "es").title == "ACUERDO DE HERMANAMIENTO OAXACA–KIOTO"
    assert clauses.build(text, "en").title.startswith("SISTER CITY AGREEMENT")
