import re

import pytest

from guide import law

pytestmark = pytest.mark.django_db


def test_every_article_has_its_anchor(client):
    html = client.get("/guia/ley/").content.decode()
    ids = re.findall(r'<article class="law-article" id="(articulo-\d+)"', html)
    assert ids == [f"articulo-{n}" for n in range(1, 12)]
    assert '<a href="#articulo-7" lang="es">Artículo 7o.</a>' in html


def test_article_text_is_whole_and_clean():
    articles = {a.number: a for s in law.law()[1] for a in s.articles}
    first = articles[1].paragraphs[0].text
    assert first.startswith(
        "La presente Ley tiene por objeto regular la celebración de tratados y acuerdos interinstitucionales"
    )
    assert first.endswith(
        "uno o varios órganos gubernamentales extranjeros u organizaciones internacionales."
    )
    # Article 8 is cut by a page break in the source; it reads as one sentence here.
    assert (
        "legales en que sean parte, por un lado la Federación, o personas físicas o morales mexicanas"
        in articles[8].paragraphs[0].text
    )
    assert [p.text for p in articles[7].paragraphs if p.note] == ["Artículo reformado DOF 20-05-2021"]
    fractions = [p.text.split(".-")[0] for p in articles[2].paragraphs if re.match(r"^[IVX]+\.-", p.text)]
    assert fractions == ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]
    every_text = " ".join(p.text for a in articles.values() for p in a.paragraphs)
    assert "<!--" not in every_text and "LEY SOBRE LA CELEBRACIÓN DE TRATADOS" not in every_text


def test_english_page_introduces_the_spanish_text_in_english(client):
    html = client.get("/en/guia/ley/").content.decode()
    assert '<html lang="en">' in html
    assert "The text is reproduced in Spanish, its only official version." in html
    assert '<div class="law-text" lang="es">' in html
    assert "Las dependencias y organismos descentralizados de la Administración Pública Federal" in html


def test_constitutional_excerpts_cited_by_the_precheck_have_anchors(client):
    html = client.get("/guia/ley/").content.decode()
    assert 'id="cpeum-115"' in html and 'id="cpeum-117"' in html
