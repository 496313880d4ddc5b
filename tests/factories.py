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


# --- Working files (agreements/models/working_file.py) ---------------------------------------------
def pdf_bytes(*, pages: int = 1, encrypted: bool = False) -> bytes:
    """A real PDF made with pypdf: blank pages, optionally encrypted with a password."""
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=612, height=792)
    if encrypted:
        writer.encrypt("secreto")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


class WorkingFileFactory(DjangoModelFactory):
    class Meta:
        model = "agreements.WorkingFile"

    municipality = factory.SubFactory(MunicipalityFactory)


class WorkingFileUploadFactory(DjangoModelFactory):
    class Meta:
        model = "agreements.WorkingFileUpload"

    working_file = factory.SubFactory(WorkingFileFactory)
    kind = "carta_intencion"
    file = factory.django.FileField(filename="carta.pdf", data=factory.LazyFunction(pdf_bytes))
    original_name = "carta.pdf"
    size = 600
    pages = 1
    sha256 = "0" * 64


class WorkingFileEventFactory(DjangoModelFactory):
    class Meta:
        model = "agreements.WorkingFileEvent"

    working_file = factory.SubFactory(WorkingFileFactory)
    kind = "created"


def official(
    municipality=None, *, role: str = "titular", email: str | None = None, password: str | None = None
):
    """A user with a verified e-mail address (allauth requires it to log in) and one membership."""
    from allauth.account.models import EmailAddress

    extra = {"email": email} if email else {}
    if password:
        extra["password"] = password
    user = UserFactory(**extra)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    MembershipFactory(user=user, municipality=municipality or MunicipalityFactory(), role=role)
    return user


def complete_step_answers(*, city, signing_date: str, session_date: str) -> dict[str, dict]:
    """Valid answers for steps 1, 2, 3, 5 and 6 (4 and 6 also need their PDF)."""
    return {
        "diagnostico": {
            "objetivo": "Atraer turismo cultural y compartir experiencias de gestión del patrimonio.",
            "oficina": "Oficina de Asuntos Internacionales",
            "enlace_nombre": "Ana López",
            "enlace_cargo": "Directora de Asuntos Internacionales",
            "enlace_correo": "ana.lopez@municipio.gob.mx",
        },
        "contraparte": {
            "tipo": "ciudad",
            "ciudad": city.name,
            "ciudad_id": str(city.pk),
            "organo": f"Gobierno de la Ciudad de {city.name}",
            "contacto_nombre": "Hiroshi Tanaka",
            "contacto_cargo": "International Affairs",
            "contacto_correo": "tanaka@example.jp",
        },
        "objeto": {
            "objeto": "Promover el intercambio cultural y turístico entre ambas ciudades.",
            "temas": ["cultural", "turistica"],
            "tema_otra": "",
            "modalidades": ["intercambio", "eventos"],
        },
        "texto": {
            "tipo": "hermanamiento",
            "titulo": "",
            "idiomas": ["es", "ja"],
            "vigencia": "plazo",
            "vigencia_anios": "2",
            "firma_prevista": signing_date,
            "lugar_firma": "Oaxaca de Juárez",
            "comite": "on",
            "financiamiento": "disponibilidad",
            "controversias": "comun_acuerdo",
        },
        "cabildo": {
            "fecha_sesion": session_date,
            "votos_favor": "10",
            "votos_contra": "2",
            "abstenciones": "0",
            "punto_acuerdo": "Punto 5 del orden del día",
            "integrantes_cabildo": "12",
            "fin_periodo": "2030-09-30",
        },
    }


# --- The review workflow (agreements/workflow/transitions.py) -----------------------------------------------


def sre_user(role: str = "reviewer", *, email: str | None = None, totp: bool = True, **fields):
    """An SRE reviewer or administrator with a verified address and (by default) TOTP set up, as the accounts
    middleware requires before any page."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    user = UserFactory(sre_role=role, **({"email": email} if email else {}), **fields)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    if totp:
        Authenticator.objects.create(
            user=user, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"}
        )
    return user


def complete_file(municipality, *, titular, city=None):
    """A draft with every step answered and both PDFs on file: ready to be sent to the SRE."""
    import datetime as dt

    from django.utils import timezone

    from agreements.steps import services

    today = timezone.localdate()
    city = city or PartnerCityFactory()
    wf = WorkingFileFactory(municipality=municipality, created_by=titular)
    wf.answers = complete_step_answers(
        city=city,
        signing_date=(today + dt.timedelta(days=60)).isoformat(),
        session_date=(today - dt.timedelta(days=10)).isoformat(),
    )
    WorkingFileUploadFactory(working_file=wf, kind="carta_intencion", original_name="carta.pdf")
    WorkingFileUploadFactory(working_file=wf, kind="acta_cabildo", original_name="acta.pdf")
    services.refresh(wf, services.load_context(wf))
    wf.save()
    return wf


def signed_pdf(name: str = "acuerdo-firmado.pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, pdf_bytes(pages=3), "application/pdf")


def signature_data(**overrides) -> dict:
    from django.utils import timezone

    return {
        "place": "Oaxaca de Juárez",
        "signed_on": timezone.localdate(),
        "mx_signatory": "Ana López",
        "mx_signatory_office": "Presidenta Municipal",
        "counterpart_signatory": "Daisaku Kadokawa",
        "counterpart_signatory_office": "Alcalde de Kioto",
        "document": signed_pdf(),
        **overrides,
    }


REASONING = "El acuerdo se ajusta a la Ley sobre la Celebración de Tratados y a las atribuciones municipales."


def advance(wf, to: str, *, titular, reviewer):
    """Move a complete file through real transitions until it reaches the state `to` (a WorkingFile.State
    value). The reviewer takes it; observations are asked for and answered on the way to «reenviado»."""
    from agreements.models import WorkingFile
    from agreements.workflow import transitions as workflow

    State, Action = WorkingFile.State, workflow.Action
    paths = {
        State.DRAFT: [],
        State.SUBMITTED: [Action.SUBMIT],
        State.IN_REVIEW: [Action.SUBMIT, Action.TAKE],
        State.OBSERVATIONS: [Action.SUBMIT, Action.TAKE, Action.REQUEST_CHANGES],
        State.RESUBMITTED: [Action.SUBMIT, Action.TAKE, Action.REQUEST_CHANGES, Action.RESUBMIT],
        State.FAVORABLE: [Action.SUBMIT, Action.TAKE, Action.FAVORABLE],
        State.UNFAVORABLE: [Action.SUBMIT, Action.TAKE, Action.UNFAVORABLE],
        State.SIGNED: [Action.SUBMIT, Action.TAKE, Action.FAVORABLE, Action.SIGN],
        State.INSCRIBED: [Action.SUBMIT, Action.TAKE, Action.FAVORABLE, Action.SIGN, Action.INSCRIBE],
        State.WITHDRAWN: [Action.WITHDRAW],
    }
    sre = {Action.TAKE, Action.REQUEST_CHANGES, Action.FAVORABLE, Action.UNFAVORABLE, Action.INSCRIBE}
    for action in paths[to]:
        data = action_data(wf, action)
        wf = workflow.transition(
            file_id=wf.pk, action=action, by=reviewer if action in sre else titular, data=data
        )
    return wf


def action_data(wf, action: str, *, assignee=None) -> dict:
    """Valid data for each action of the workflow on `wf` as it is now."""
    from agreements.models import Observation
    from agreements.workflow import transitions as workflow

    Action = workflow.Action
    if action in (Action.TAKE, Action.REASSIGN):
        return {"assignee": assignee} if assignee else {}
    if action == Action.REQUEST_CHANGES:
        return {
            "observations": [{"step": "objeto", "field": "objeto", "text": "Precise el objeto del acuerdo."}]
        }
    if action == Action.RESUBMIT:
        open_ones = Observation.objects.filter(working_file=wf).open()
        return {"answers": {str(o.pk): "Precisamos el objeto: intercambio cultural." for o in open_ones}}
    if action in (Action.FAVORABLE, Action.UNFAVORABLE):
        return {"reasoning": REASONING}
    if action == Action.SIGN:
        return signature_data()
    if action == Action.WITHDRAW:
        return {"reason": "Cambio de administración municipal."}
    return {}


def review_setting() -> dict:
    """Oaxaca de Juárez with its titular and capturista, Kyoto (Japan), an SRE reviewer and administrator."""
    oaxaca = MunicipalityFactory(
        cvegeo="20067", code="067", name="Oaxaca de Juárez", state=StateFactory(code="20", name="Oaxaca")
    )
    return {
        "town": oaxaca,
        "titular": official(oaxaca, role="titular", email="enlace@oaxaca.gob.mx"),
        "capturista": official(oaxaca, role="capturista"),
        "reviewer": sre_user(
            "reviewer", email="revisora@sre.gob.mx", first_name="Rita", last_name="Revisora"
        ),
        "admin": sre_user("admin", first_name="Adán", last_name="Admin"),
        "kyoto": PartnerCityFactory(name="Kioto", country=CountryFactory(iso2="JP")),
    }


# --- Showcase and partner-seeking board (showcase/, matchmaking/board/) ------------------------------------
def jpeg_bytes(
    width: int = 800, height: int = 600, *, color=(200, 120, 60), exif: bytes | None = None
) -> bytes:
    """A real JPEG made with Pillow, optionally with an EXIF block (to check that it is stripped)."""
    import io

    from PIL import Image

    buffer = io.BytesIO()
    extra = {"exif": exif} if exif else {}
    Image.new("RGB", (width, height), color).save(buffer, "JPEG", quality=90, **extra)
    return buffer.getvalue()


def in_days(days: int):
    import datetime as dt

    from django.utils import timezone

    return timezone.localdate() + dt.timedelta(days=days)


class MunicipalityProfileFactory(DjangoModelFactory):
    class Meta:
        model = "showcase.MunicipalityProfile"
        django_get_or_create = ["municipality"]

    municipality = factory.SubFactory(MunicipalityFactory)
    presentation = "Ciudad de tradiciones y patrimonio."


class MunicipalityPhotoFactory(DjangoModelFactory):
    class Meta:
        model = "showcase.MunicipalityPhoto"

    municipality = factory.SubFactory(MunicipalityFactory)
    image = factory.django.FileField(filename="foto.jpg", data=factory.LazyFunction(jpeg_bytes))
    caption = factory.Sequence(lambda n: f"Foto {n} del centro histórico")
    width = 800
    height = 600
    size = 1000
    position = factory.Sequence(lambda n: n)


class PartnerRequestFactory(DjangoModelFactory):
    class Meta:
        model = "matchmaking.PartnerRequest"
        skip_postgeneration_save = True

    municipality = factory.SubFactory(MunicipalityFactory)
    title = factory.Sequence(lambda n: f"Buscamos una ciudad socia para cooperar, solicitud {n}")
    description = "Queremos intercambiar experiencias de turismo cultural y educación con otra ciudad."
    expires_on = factory.LazyFunction(lambda: in_days(60))

    @factory.post_generation
    def themes(obj, create, extracted, **kwargs):
        if create:
            from agreements.models import Theme

            codes = extracted or ["turistica"]
            obj.themes.set([Theme.objects.get_or_create(code=code)[0] for code in codes])


def showcase_world() -> dict:
    """A small world for the showcase, the board and the suggestions: two states, three municipalities, four
    countries in three M49 regions, a city in each country and three known relationships."""
    from agreements.models import Theme

    for code in Theme.Code.values:  # a transactional (browser) test flushes the rows the migration made
        Theme.objects.get_or_create(code=code)
    americas = RegionFactory(code="019", name_es="América", name_en="Americas")
    north = RegionFactory(code="021", name_es="Norteamérica", name_en="Northern America", parent=americas)
    europe = RegionFactory(code="150", name_es="Europa", name_en="Europe")
    south_europe = RegionFactory(
        code="039", name_es="Europa meridional", name_en="Southern Europe", parent=europe
    )
    asia = RegionFactory(code="142", name_es="Asia", name_en="Asia")
    east_asia = RegionFactory(code="030", name_es="Asia oriental", name_en="Eastern Asia", parent=asia)

    def country(iso2, iso3, es, en, region, subregion):
        return CountryFactory(
            iso2=iso2, iso3=iso3, name_es=es, name_en=en, region=region, subregion=subregion
        )

    c = {
        "CA": country("CA", "CAN", "Canadá", "Canada", americas, north),
        "US": country("US", "USA", "Estados Unidos", "United States", americas, north),
        "ES": country("ES", "ESP", "España", "Spain", europe, south_europe),
        "JP": country("JP", "JPN", "Japón", "Japan", asia, east_asia),
    }
    oaxaca_state = StateFactory(code="20", name="Oaxaca", abbreviation="Oax.")
    jalisco = StateFactory(code="14", name="Jalisco", abbreviation="Jal.")

    def town(state, code, name, population, lat, lon):
        return MunicipalityFactory(
            state=state, code=code, cvegeo=state.code + code, name=name, seat_name=name,
            population_2020=population, latitude=lat, longitude=lon,
        )  # fmt: skip

    m = {
        "oaxaca": town(oaxaca_state, "067", "Oaxaca de Juárez", 270_955, 17.06, -96.72),
        "guadalajara": town(jalisco, "039", "Guadalajara", 1_385_629, 20.67, -103.35),
        "tequila": town(jalisco, "094", "Tequila", 46_132, 20.88, -103.83),
    }

    def city(name, iso2, population, lat, lon):
        return PartnerCityFactory(
            name=name, country=c[iso2], population=population, latitude=lat, longitude=lon
        )

    cities = {
        "kyoto": city("Kioto", "JP", 1_460_000, 35.0, 135.8),
        "vancouver": city("Vancouver", "CA", 631_486, 49.25, -123.1),
        "sevilla": city("Sevilla", "ES", 688_592, 37.39, -5.98),
        "san_antonio": city("San Antonio", "US", 1_434_625, 29.42, -98.49),
    }
    AgreementFactory(municipality=m["guadalajara"], partner_city=cities["kyoto"])
    AgreementFactory(municipality=m["tequila"], partner_city=cities["sevilla"])
    AgreementFactory(municipality=m["oaxaca"], partner_city=cities["san_antonio"])
    return {
        "countries": c,
        "municipalities": m,
        "cities": cities,
        "regions": {"americas": americas, "north": north, "europe": europe},
    }
