"""A small, real-looking world for the registry's tests: three states, municipalities in every population
band, three M49 regions with sub-regions, four countries and their cities. Agreements are made per test."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest

from agreements.models import Agreement, Theme
from municipalities.models import Municipality, State
from partners.models import Country, PartnerCity
from registry.catalogs import forget_catalogs
from tests.factories import (
    AgreementFactory,
    CountryFactory,
    MunicipalityFactory,
    PartnerCityFactory,
    RegionFactory,
    StateFactory,
)


@pytest.fixture(autouse=True)
def _fresh_catalogs():
    """A rolled-back test brings old registry version numbers back: never reuse another test's catalogues."""
    forget_catalogs()
    yield
    forget_catalogs()


@dataclass
class World:
    jalisco: State
    oaxaca: State
    cdmx: State
    guadalajara: Municipality  # 1,385,629 inhabitants: 500,000 and more
    vallarta: Municipality  # 291,839: 100,000 to 499,999
    tequila: Municipality  # 46,132: 15,000 to 49,999
    abejones: Municipality  # 1,095: under 2,500
    oaxaca_city: Municipality  # 270,955
    cuauhtemoc: Municipality  # 545,884
    japan: Country
    usa: Country
    spain: Country
    france: Country
    kyoto: PartnerCity
    osaka: PartnerCity
    san_antonio: PartnerCity
    sevilla: PartnerCity
    lyon: PartnerCity

    def agreement(self, municipality: Municipality, city: PartnerCity, **fields) -> Agreement:
        themes = fields.pop("themes", [])
        agreement = AgreementFactory(municipality=municipality, partner_city=city, **fields)
        if themes:
            # get_or_create: a transactional test (browser) flushes the themes the data migration made.
            agreement.themes.set([Theme.objects.get_or_create(code=code)[0] for code in themes])
        return agreement

    def jalisco_kyoto(self, **fields) -> Agreement:
        """A state-level agreement: the state of Jalisco with the prefecture of Kioto."""
        return AgreementFactory(
            level=Agreement.Level.ESTADO,
            municipality=None,
            state=self.jalisco,
            partner_city=self.kyoto,
            country=self.japan,
            counterpart_name="Prefectura de Kioto",
            counterpart_level=Agreement.CounterpartLevel.REGION,
            title="Hermanamiento Jalisco–Prefectura de Kioto",
            **fields,
        )


def _municipality(state: State, code: str, name: str, population: int | None, lat: float, lon: float):
    return MunicipalityFactory(
        state=state,
        code=code,
        cvegeo=state.code + code,
        name=name,
        population_2020=population,
        latitude=lat,
        longitude=lon,
    )


@pytest.fixture
def world(db) -> World:
    americas = RegionFactory(code="019", name_es="América", name_en="Americas")
    north_america = RegionFactory(
        code="021", name_es="Norteamérica", name_en="Northern America", parent=americas
    )
    asia = RegionFactory(code="142", name_es="Asia", name_en="Asia")
    east_asia = RegionFactory(code="030", name_es="Asia oriental", name_en="Eastern Asia", parent=asia)
    europe = RegionFactory(code="150", name_es="Europa", name_en="Europe")
    south_europe = RegionFactory(
        code="039", name_es="Europa meridional", name_en="Southern Europe", parent=europe
    )
    west_europe = RegionFactory(
        code="155", name_es="Europa occidental", name_en="Western Europe", parent=europe
    )
    japan = CountryFactory(
        iso2="JP", iso3="JPN", name_es="Japón", name_en="Japan", region=asia, subregion=east_asia
    )
    usa = CountryFactory(
        iso2="US",
        iso3="USA",
        name_es="Estados Unidos",
        name_en="United States",
        region=americas,
        subregion=north_america,
    )
    spain = CountryFactory(
        iso2="ES", iso3="ESP", name_es="España", name_en="Spain", region=europe, subregion=south_europe
    )
    france = CountryFactory(
        iso2="FR", iso3="FRA", name_es="Francia", name_en="France", region=europe, subregion=west_europe
    )
    jalisco = StateFactory(code="14", name="Jalisco", abbreviation="Jal.")
    oaxaca = StateFactory(code="20", name="Oaxaca", abbreviation="Oax.")
    cdmx = StateFactory(code="09", name="Ciudad de México", abbreviation="CDMX")
    return World(
        jalisco=jalisco,
        oaxaca=oaxaca,
        cdmx=cdmx,
        guadalajara=_municipality(jalisco, "039", "Guadalajara", 1_385_629, 20.6767, -103.3475),
        vallarta=_municipality(jalisco, "067", "Puerto Vallarta", 291_839, 20.6203, -105.2306),
        tequila=_municipality(jalisco, "094", "Tequila", 46_132, 20.8833, -103.8333),
        abejones=_municipality(oaxaca, "001", "Abejones", 1_095, 17.4333, -96.6),
        oaxaca_city=_municipality(oaxaca, "067", "Oaxaca de Juárez", 270_955, 17.0606, -96.7253),
        cuauhtemoc=_municipality(cdmx, "015", "Cuauhtémoc", 545_884, 19.4342, -99.1467),
        japan=japan,
        usa=usa,
        spain=spain,
        france=france,
        kyoto=PartnerCityFactory(name="Kioto", country=japan, latitude=35.0116, longitude=135.7681),
        osaka=PartnerCityFactory(name="Osaka", country=japan, latitude=34.6937, longitude=135.5023),
        san_antonio=PartnerCityFactory(name="San Antonio", country=usa, latitude=29.4241, longitude=-98.4936),
        sevilla=PartnerCityFactory(name="Sevilla", country=spain, latitude=37.3891, longitude=-5.9845),
        lyon=PartnerCityFactory(name="Lyon", country=france, latitude=45.764, longitude=4.8357),
    )


@pytest.fixture
def sample(world: World) -> dict[str, Agreement]:
    """Seven agreements with known answers to every filter."""
    w = world
    return {
        "gdl_kyoto": w.agreement(
            w.guadalajara,
            w.kyoto,
            title="Acuerdo de cooperación cultural Guadalajara–Kioto",
            type=Agreement.Type.COOPERACION,
            signed_on=datetime.date(2015, 5, 4),
            status=Agreement.Status.VIGENTE,
            themes=["cultural", "educativa"],
        ),
        "gdl_san_antonio": w.agreement(
            w.guadalajara,
            w.san_antonio,
            title="Hermanamiento Guadalajara–San Antonio",
            signed_on=datetime.date(1974, 3, 1),
            themes=["economica"],
        ),
        "vallarta_osaka": w.agreement(
            w.vallarta,
            w.osaka,
            title="Hermanamiento Puerto Vallarta–Osaka",
            signed_on=datetime.date(2019, 1, 10),
            source=Agreement.Source.RAI,
            registration_number="RAI-2019-0001",
            status=Agreement.Status.VIGENTE,
            themes=["turistica"],
        ),
        "tequila_sevilla": w.agreement(
            w.tequila,
            w.sevilla,
            title="Hermanamiento Tequila–Sevilla",
            signed_on=None,
        ),
        "abejones_lyon": w.agreement(
            w.abejones,
            w.lyon,
            title="Memorando de entendimiento Abejones–Lyon",
            type=Agreement.Type.MEMORANDO,
            signed_on=datetime.date(2021, 8, 30),
            themes=["ambiental"],
        ),
        "oaxaca_san_antonio": w.agreement(
            w.oaxaca_city,
            w.san_antonio,
            title="Hermanamiento Oaxaca de Juárez–San Antonio",
            signed_on=datetime.date(2015, 11, 2),
            source=Agreement.Source.SYNTHETIC,
        ),
        "jalisco_state_kyoto": w.jalisco_kyoto(signed_on=datetime.date(2015, 6, 1)),
    }


def ids(queryset) -> set[int]:
    return set(queryset.values_list("pk", flat=True))
