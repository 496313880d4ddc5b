"""What the statistics show people (issue 13, item 10): labels, never raw keys such as `lt2500`; one bar per
year in the year chart; the synthetic benchmark data offered as a filter only when there is some."""

import datetime

import pytest
from lxml import html as lxml_html

from agreements.models import Agreement
from registry import charts

from .conftest import World
from .test_api import csv_rows

RAW_KEYS = ["lt2500", "2500-14999", "15000-49999", "500000+", "public_record", "hermanamiento", "cultural"]


def page(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return lxml_html.fromstring(response.content)


def test_the_statistics_page_shows_labels_not_keys(client, world: World):
    world.agreement(world.abejones, world.kyoto, title="Hermanamiento Abejones–Kioto", themes=["cultural"])
    world.agreement(world.guadalajara, world.lyon, title="Hermanamiento Guadalajara–Lyon")
    doc = page(client, "/estadisticas/")
    cells = [
        " ".join(cell.text_content().split()) for cell in doc.xpath("//main//table//td | //main//table//th")
    ]
    assert not set(RAW_KEYS) & set(cells)
    bands = doc.xpath('//table[caption[starts-with(normalize-space(), "Municipios y acuerdos por tamaño")]]')[
        0
    ]
    assert [th.text_content() for th in bands.xpath("thead/tr/th")][:2] == [
        "Población del municipio (2020)",
        "Municipios",
    ]
    assert bands.xpath("tbody/tr[1]/th")[0].text_content() == "Menos de 2,500 habitantes"
    # the downloads keep the codes, for programs
    rows = csv_rows(client.get("/api/v1/stats/by-population-band/?format=csv"))
    assert rows[0]["band"] == "lt2500"


def test_the_active_filter_summary_shows_the_source_label(client, world: World):
    world.agreement(world.abejones, world.kyoto, title="Hermanamiento Abejones–Kioto")
    doc = page(client, "/estadisticas/", source="public_record")
    items = doc.xpath('//div[@class="active-filters"]//li')
    shown = [" ".join(li.text_content().split()) for li in items]
    label = "Relación conocida (fuente: Wikipedia) — no es una inscripción oficial"
    assert shown == [f"Fuente: {label} quitar el filtro Fuente"]


def test_one_year_is_one_narrow_bar_among_ten_years():
    chart = charts.year_columns([{"year": 2015, "agreements": 3}, {"year": None, "agreements": 2}])
    assert chart["width"] == 10
    assert [c.label for c in chart["columns"]] == [str(year) for year in range(2006, 2016)]
    assert [c.height for c in chart["columns"]] == [0] * 9 + [100]
    assert [c.x for c in chart["columns"]] == [i + 0.1 for i in range(10)]
    assert chart["ticks"] == ["2006", "2010", "2015"]


def test_many_years_keep_one_column_each():
    rows = [{"year": year, "agreements": year - 1989} for year in range(1990, 2021)]
    chart = charts.year_columns(rows)
    assert chart["width"] == 31
    assert [c.label for c in chart["columns"]] == [str(year) for year in range(1990, 2021)]
    assert chart["ticks"] == ["1990", "2005", "2020"]


def test_the_year_chart_on_the_page_draws_one_bar_per_year(client, world: World):
    world.agreement(world.abejones, world.kyoto, title="A", signed_on=datetime.date(2019, 3, 1))
    world.agreement(world.guadalajara, world.kyoto, title="B", signed_on=datetime.date(2019, 5, 1))
    doc = page(client, "/estadisticas/")
    (svg,) = doc.xpath('//svg[@class="columns"]')
    assert svg.get("viewbox") == "0 0 10 100"
    rects = svg.xpath("rect")
    assert [r.xpath("string(title)") for r in rects] == [f"{year}: 0" for year in range(2010, 2019)] + [
        "2019: 2"
    ]
    assert {r.get("width") for r in rects} == {"0.8"}


def source_options(doc) -> list[str]:
    return doc.xpath('//select[@name="source"]/option/@value')


@pytest.mark.parametrize("url", ["/estadisticas/", "/registro/"])
def test_the_synthetic_source_is_not_offered_when_there_is_none(client, world: World, url):
    world.agreement(world.abejones, world.kyoto, title="Hermanamiento Abejones–Kioto")
    assert source_options(page(client, url)) == ["", "rai", "public_record"]


@pytest.mark.parametrize("url", ["/estadisticas/", "/registro/"])
def test_the_synthetic_source_is_offered_and_labelled_when_there_is_some(client, world: World, url):
    world.agreement(world.abejones, world.kyoto, title="Sintético", source=Agreement.Source.SYNTHETIC)
    doc = page(client, url)
    assert source_options(doc) == ["", "rai", "public_record", "synthetic"]
    assert doc.xpath('//select[@name="source"]/option[@value="synthetic"]/text()') == [
        "Dato sintético, generado para pruebas de rendimiento"
    ]
