"""The registry's one filter definition: each filter narrows to exactly the expected agreements, bad values
get a clear message, and the search ignores accents and case on SQLite and PostgreSQL alike."""

import pytest
from django.db import connection
from django.utils import translation

from agreements.models import Agreement, Theme
from core.versioning import current_version
from registry.filters import AgreementFilterSet
from registry.models import SearchDocument
from registry.services import search_documents_fill_missing, search_documents_refresh

from .conftest import ids

JALISCO = ["gdl_kyoto", "gdl_san_antonio", "vallarta_osaka", "tequila_sevilla", "jalisco_state_kyoto"]
ALL = JALISCO + ["abejones_lyon", "oaxaca_san_antonio"]
JAPAN = ["gdl_kyoto", "vallarta_osaka", "jalisco_state_kyoto"]
SINCE_2015 = ["gdl_kyoto", "vallarta_osaka", "abejones_lyon", "oaxaca_san_antonio", "jalisco_state_kyoto"]


def filtered(data: dict) -> set[int]:
    filterset = AgreementFilterSet(data)
    assert filterset.is_valid(), filterset.errors
    return ids(filterset.qs)


def keys(sample, *names) -> set[int]:
    return {sample[name].pk for name in names}


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"state": "14"}, JALISCO),
        ({"municipality": "14039"}, ["gdl_kyoto", "gdl_san_antonio"]),
        ({"country": "JP"}, JAPAN),
        ({"country": "JP", "state": "14"}, JAPAN),
        ({"region": "150"}, ["tequila_sevilla", "abejones_lyon"]),  # a region: Spain and France
        ({"region": "039"}, ["tequila_sevilla"]),  # a sub-region: Spain only
        ({"region": "019"}, ["gdl_san_antonio", "oaxaca_san_antonio"]),
        ({"type": "memorando"}, ["abejones_lyon"]),
        ({"theme": "cultural"}, ["gdl_kyoto"]),
        ({"level": "estado"}, ["jalisco_state_kyoto"]),
        ({"status": "vigente"}, ["gdl_kyoto", "vallarta_osaka"]),
        ({"source": "rai"}, ["vallarta_osaka"]),
        ({"source": "synthetic"}, ["oaxaca_san_antonio"]),
        ({"year_from": "2015"}, SINCE_2015),
        ({"year_to": "2015"}, ["gdl_kyoto", "gdl_san_antonio", "oaxaca_san_antonio", "jalisco_state_kyoto"]),
        ({"year_from": "2015", "year_to": "2015"}, SINCE_2015[:1] + SINCE_2015[3:]),  # noqa: E501
        ({"country": "ES", "year_from": "1900"}, []),  # the Spanish one has no date: a year filter drops it
        ({}, ALL),
    ],
)  # fmt: skip
def test_filter_narrows_to_exactly(sample, data, expected):
    assert filtered(data) == keys(sample, *expected)


def test_filters_combine_with_and(sample):
    assert filtered({"state": "14", "theme": "turistica", "source": "rai"}) == keys(sample, "vallarta_osaka")
    assert filtered({"state": "20", "country": "JP"}) == set()


def test_sort_orders(sample):
    def titles(sort):
        filterset = AgreementFilterSet({"sort": sort, "state": "14"} if sort else {"state": "14"})
        assert filterset.is_valid()
        return [a.title for a in filterset.qs]

    newest = [
        "Hermanamiento Puerto Vallarta–Osaka",  # 2019
        "Hermanamiento Jalisco–Prefectura de Kioto",  # 2015-06
        "Acuerdo de cooperación cultural Guadalajara–Kioto",  # 2015-05
        "Hermanamiento Guadalajara–San Antonio",  # 1974
        "Hermanamiento Tequila–Sevilla",  # undated: always last
    ]
    assert titles("") == newest
    assert titles("-signed_on") == newest
    assert titles("signed_on") == [newest[3], newest[2], newest[1], newest[0], newest[4]]
    assert titles("title") == sorted(newest)


# --- Search -------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("cooperacion", ["gdl_kyoto"]),  # no accent finds "cooperación"
        ("COOPERACIÓN", ["gdl_kyoto"]),
        ("cooperación kioto", ["gdl_kyoto"]),  # every word must match
        ("cooperacion sevilla", []),
        ("Japon", JAPAN),  # the country's Spanish name
        ("japan", JAPAN),  # and its English one
        ("juarez", ["oaxaca_san_antonio"]),  # the municipality's name, "Oaxaca de Juárez"
        ("jalisco", JALISCO),
        ("turística", ["vallarta_osaka"]),  # a theme's label
        ("RAI-2019-0001", ["vallarta_osaka"]),  # the registration number
        ("  ", ALL),
    ],
)  # fmt: skip
def test_search_is_accent_and_case_insensitive(sample, query, expected):
    assert filtered({"q": query}) == keys(sample, *expected)


def test_search_finds_a_word_by_its_beginning(sample):
    # PostgreSQL: prefix of the lexeme (guadala:*); SQLite: substring.
    assert filtered({"q": "guadala"}) == keys(sample, "gdl_kyoto", "gdl_san_antonio")


def test_search_runs_on_the_backend_under_test(sample, django_assert_num_queries):
    filterset = AgreementFilterSet({"q": "cooperacion"})
    assert filterset.is_valid()
    sql = str(filterset.qs.query)
    if connection.vendor == "postgresql":
        assert "WHERE vector @@ to_tsquery('registry_es'::regconfig," in sql
    else:
        assert "LIKE" in sql.upper()


@pytest.mark.postgresql
def test_search_uses_the_gin_index_on_postgresql(sample):
    assert sample["gdl_kyoto"].pk in filtered({"q": "kioto"})  # the first search writes the documents
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            "EXPLAIN SELECT agreement_id FROM registry_searchdocument "
            "WHERE vector @@ to_tsquery('registry_es'::regconfig, 'kioto:*')"
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute(
            "SELECT vector::text FROM registry_searchdocument WHERE agreement_id = %s",
            [sample["gdl_kyoto"].pk],
        )
        vector = cursor.fetchone()[0]
    assert "registry_searchdocument_vector" in plan
    # Spanish stemming over the unaccented words; "de" is a stop word.
    assert "'cooperacion':3" in vector and "'japon':" in vector and "'de'" not in vector


def test_search_document_holds_both_parties_country_and_themes(sample):
    assert sample["gdl_kyoto"].pk in filtered({"q": "kioto"})  # the first search writes the documents
    document = SearchDocument.objects.get(agreement=sample["gdl_kyoto"]).text
    assert document == (
        # title, counterpart, municipality, its seat, state, partner city, country (es, en), themes (es, en)
        "acuerdo de cooperacion cultural guadalajara kioto kioto guadalajara guadalajara jalisco kioto "
        "japon japan cultural cultural educativa education"
    )


def test_search_document_follows_title_and_theme_changes(sample):
    agreement = sample["tequila_sevilla"]
    assert filtered({"q": "agave"}) == set()
    agreement.title = "Hermanamiento del agave"
    agreement.save()
    assert filtered({"q": "agave"}) == {agreement.pk}
    agreement.themes.add(Theme.objects.get(code="salud"))
    assert filtered({"q": "salud"}) == {agreement.pk}
    agreement.themes.clear()
    assert filtered({"q": "salud"}) == set()
    Theme.objects.get(code="deporte").agreements.add(agreement)  # from the theme's side
    assert filtered({"q": "deporte"}) == {agreement.pk}


def test_a_write_retires_the_agreements_document_and_the_next_search_writes_it_again(sample):
    """Database triggers, not signals (registry/triggers.py): a bulk update() is seen like a save()."""
    agreement = sample["tequila_sevilla"]
    assert filtered({"q": "sevilla"}) == {agreement.pk}
    assert SearchDocument.objects.filter(agreement=agreement).exists()
    Agreement.objects.filter(pk=agreement.pk).update(title="Hermanamiento del mezcal")
    assert not SearchDocument.objects.filter(agreement=agreement).exists()
    agreement.themes.add(Theme.objects.get(code="salud"))
    assert filtered({"q": "mezcal salud"}) == {agreement.pk}
    assert "mezcal" in SearchDocument.objects.get(agreement=agreement).text
    Agreement.themes.through.objects.filter(agreement=agreement).delete()  # a bulk delete of its themes
    assert filtered({"q": "mezcal salud"}) == set()


def test_bulk_created_agreements_get_their_document_on_the_next_search(world):
    # Bulk loaders send no signals: the search writes the missing documents once per registry version.
    row = Agreement(
        title="Hermanamiento Tequila–Kioto",
        type="hermanamiento",
        level="municipio",
        state=world.jalisco,
        municipality=world.tequila,
        counterpart_name="Kioto",
        counterpart_level="ciudad",
        partner_city=world.kyoto,
        country=world.japan,
        source="public_record",
    )
    Agreement.objects.bulk_create([row])
    assert SearchDocument.objects.count() == 0
    assert {a.title for a in AgreementFilterSet({"q": "kioto"}).qs} == {"Hermanamiento Tequila–Kioto"}
    assert SearchDocument.objects.count() == 1


def test_reindex_rewrites_every_document_and_retires_cached_searches(sample):
    SearchDocument.objects.all().delete()
    before = current_version()
    assert search_documents_refresh() == 7
    assert SearchDocument.objects.count() == 7
    assert current_version() != before  # renamed places: a cached search may now read differently


def test_writing_back_missing_documents_keeps_the_version(sample):
    """The documents a search writes back describe data the version already counts: no second bump."""
    SearchDocument.objects.all().delete()
    before = current_version()
    assert search_documents_fill_missing() == 7
    assert current_version() == before


# --- Bad values ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("data", "field", "spanish", "english"),
    [
        ({"state": "99"}, "state", "«99» no es una clave de estado del INEGI (de 01 a 32).",
         "“99” is not an INEGI state code (01 to 32)."),
        ({"municipality": "1403"}, "municipality",
         "«1403» no es la clave geoestadística (cinco dígitos) de un municipio del catálogo.",
         "“1403” is not the geostatistical code (five digits) of a municipality in the catalogue."),
        ({"country": "XX"}, "country", "«XX» no es un código de país ISO 3166-1 alfa-2 del catálogo.",
         "“XX” is not an ISO 3166-1 alpha-2 country code in the catalogue."),
        ({"region": "999"}, "region", "«999» no es un código de región o subregión M49 del catálogo.",
         "“999” is not an M49 region or sub-region code in the catalogue."),
        ({"type": "tratado"}, "type",
         "«tratado» no es un tipo de acuerdo: use hermanamiento, cooperacion o memorando.",
         "“tratado” is not an agreement type: use hermanamiento, cooperacion or memorando."),
        ({"year_from": "dos mil"}, "year_from", "El año inicial debe ser un número entero, por ejemplo 2010.",
         "The first year must be a whole number, for example 2010."),
        ({"year_to": "1800"}, "year_to", "El año final debe ser 1900 o posterior.",
         "The last year must be 1900 or later."),
        ({"year_from": "2020", "year_to": "2010"}, "year_to",
         "El año final (2010) es anterior al inicial (2020).",
         "The last year (2010) is earlier than the first (2020)."),
        ({"q": "x" * 201}, "q", "La búsqueda admite hasta 200 caracteres (tiene 201).",
         "A search can have up to 200 characters (this one has 201)."),
        ({"q": "nul\x00"}, "q", "Caracteres nulos no están permitidos.", "Null characters are not allowed."),
        ({"sort": "id"}, "sort",
         "«id» no es un orden: use -signed_on, signed_on, title, municipality o country.",
         "“id” is not a sort order: use -signed_on, signed_on, title, municipality or country."),
    ],
)  # fmt: skip
def test_bad_value_gets_a_clear_message_in_each_language(world, data, field, spanish, english):
    for language, message in (("es-mx", spanish), ("en", english)):
        with translation.override(language):
            filterset = AgreementFilterSet(data)
            assert not filterset.is_valid()
            assert filterset.form.errors == {field: [message]}
