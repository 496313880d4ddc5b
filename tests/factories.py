"""factory_boy factories for every model; small, valid objects by default."""

import factory
from factory.django import DjangoModelFactory

from accounts.models import Membership, User
from agreements.models import Agreement
from municipalities.models import Municipality, State
from partners.models import Country, PartnerCity, Region


class StateFactory(DjangoModelFactory):
    class Meta:
        model = State
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"{(n % 32) + 1:02d}")
    name = factory.LazyAttribute(lambda o: f"Estado {o.code}")
    abbreviation = factory.LazyAttribute(lambda o: f"E{o.code}.")


class MunicipalityFactory(DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ["cvegeo"]

    state = factory.SubFactory(StateFactory)
    code = factory.Sequence(lambda n: f"{(n % 999) + 1:03d}")
    cvegeo = factory.LazyAttribute(lambda o: f"{o.state.code}{o.code}")
    name = factory.Sequence(lambda n: f"Municipio {n}")
    seat_name = factory.LazyAttribute(lambda o: o.name)
    population_2020 = 25_000
    latitude = 19.4
    longitude = -99.1
    coord_source = Municipality.CoordSource.CABECERA


class RegionFactory(DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ["code"]

    code = "150"
    name_es = "Europa"
    name_en = "Europe"


class CountryFactory(DjangoModelFactory):
    class Meta:
        model = Country
        django_get_or_create = ["iso2"]

    iso2 = "JP"
    iso3 = "JPN"
    name_es = "Japón"
    name_en = "Japan"


class PartnerCityFactory(DjangoModelFactory):
    class Meta:
        model = PartnerCity

    geonames_id = factory.Sequence(lambda n: 9_000_000 + n)
    name = factory.Sequence(lambda n: f"City {n}")
    country = factory.SubFactory(CountryFactory)
    population = 100_000
    latitude = 35.0
    longitude = 135.0


class AgreementFactory(DjangoModelFactory):
    class Meta:
        model = Agreement

    title = factory.LazyAttribute(lambda o: f"Hermanamiento {o.municipality.name}–{o.partner_city.name}")
    type = Agreement.Type.HERMANAMIENTO
    level = Agreement.Level.MUNICIPIO
    municipality = factory.SubFactory(MunicipalityFactory)
    state = factory.LazyAttribute(lambda o: o.municipality.state)
    partner_city = factory.SubFactory(PartnerCityFactory)
    country = factory.LazyAttribute(lambda o: o.partner_city.country)
    counterpart_name = factory.LazyAttribute(lambda o: o.partner_city.name)
    counterpart_level = Agreement.CounterpartLevel.CITY
    status = Agreement.Status.DESCONOCIDO
    source = Agreement.Source.PUBLIC_RECORD


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"persona{n}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "contraseña-de-prueba-1")

    @factory.post_generation
    def save_after_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    municipality = factory.SubFactory(MunicipalityFactory)
    role = Membership.Role.TITULAR
