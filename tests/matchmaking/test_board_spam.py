"""The public reply to a partner request: a foreign government answers without an account; robots are kept out
by a honeypot, a signed time token and per-IP rate limits (no third-party script, no image puzzle); the
municipality's officials are notified in the portal and by e-mail, each in their own language."""

import datetime as dt
import re

import pytest
import time_machine
from django.core import mail, signing
from django.test import Client
from django.utils import timezone

from matchmaking.board import spam as board_spam
from matchmaking.models import PartnerRequestReply
from notifications.models import Notification
from tests.factories import PartnerRequestFactory, UserFactory, official, showcase_world

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 11, 20, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


@pytest.fixture
def setting(clock):
    world = showcase_world()
    oaxaca = world["municipalities"]["oaxaca"]
    ana = official(oaxaca, email="ana@oaxaca.gob.mx")
    ben = official(oaxaca, role="capturista", email="ben@oaxaca.gob.mx")
    ben.language = "en"
    ben.save()
    official(world["municipalities"]["guadalajara"], email="otro@gdl.gob.mx")  # not notified
    found = PartnerRequestFactory(
        municipality=oaxaca, title="Buscamos una ciudad en Canadá", country=world["countries"]["CA"]
    )
    return {"request": found, "ana": ana, "ben": ben}


def reply_data(token: str, **overrides) -> dict:
    data = {
        "name": "Jane Smith",
        "organization": "City of Kelowna",
        "position": "International Relations Officer",
        "country": "CA",
        "city": "Kelowna",
        "email": "jane.smith@kelowna.example.ca",
        "official_site": "https://www.kelowna.ca",
        "message": "Kelowna would be glad to explore a partnership in cultural tourism.",
        "consent": "on",
        "website": "",
        "token": token,
    }
    data.update(overrides)
    return data


def token_on_page(client, partner_request, language="") -> str:
    html = client.get(f"{language}/buscan-socio/{partner_request.pk}/").content.decode()
    return re.search(r'<input type="hidden" name="token" value="([^"]+)">', html).group(1)


def reply_url(partner_request, language="") -> str:
    return f"{language}/buscan-socio/{partner_request.pk}/responder/"


# --- The reply that goes through ---------------------------------------------------------------------------
def test_a_reply_is_stored_and_the_officials_are_notified(
    client, setting, clock, django_capture_on_commit_callbacks
):
    found = setting["request"]
    token = token_on_page(client, found)
    clock.shift(5)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reply_url(found), reply_data(token))
    assert response["Location"] == f"/buscan-socio/{found.pk}/enviada/"
    reply = PartnerRequestReply.objects.get()
    assert (reply.organization, reply.country_id, reply.email, reply.website, reply.language) == (
        "City of Kelowna",
        "CA",
        "jane.smith@kelowna.example.ca",
        "https://www.kelowna.ca",
        "es-mx",
    )
    sent = client.get(response["Location"]).content.decode()
    assert "Gracias: su mensaje fue enviado" in sent
    assert "Su mensaje llegó a Oaxaca de Juárez. Le responderán a jane.smith@kelowna.example.ca." in sent
    notes = {n.recipient.email: n for n in Notification.objects.select_related("recipient")}
    assert sorted(notes) == ["ana@oaxaca.gob.mx", "ben@oaxaca.gob.mx"]
    ana, ben = notes["ana@oaxaca.gob.mx"], notes["ben@oaxaca.gob.mx"]
    assert ana.subject == "Respuesta a su solicitud «Buscamos una ciudad en Canadá»"
    assert ana.message.startswith(
        "City of Kelowna (Canadá) respondió a la solicitud de socio de Oaxaca de Juárez."
    )
    assert ana.url == f"/buscan-socio/{found.pk}/#respuestas"
    assert ben.subject == "Reply to your request “Buscamos una ciudad en Canadá”"
    assert ben.message.startswith(
        "City of Kelowna (Canada) replied to the partner request of Oaxaca de Juárez."
    )
    assert ben.url == f"/en/buscan-socio/{found.pk}/#respuestas"
    assert (ana.category, ben.category) == ("action", "action")
    assert sorted(m.to[0] for m in mail.outbox) == ["ana@oaxaca.gob.mx", "ben@oaxaca.gob.mx"]
    assert (
        "Respuesta a su solicitud «Buscamos una ciudad en Canadá»"
        in mail.outbox[0].subject + mail.outbox[1].subject
    )


def test_the_form_and_its_messages_in_english(client, setting, clock):
    found = setting["request"]
    html = client.get(f"/en/buscan-socio/{found.pk}/").content.decode()
    assert '<h2 id="responder-titulo">Reply to this request</h2>' in html
    assert "You may write in English or Spanish." in html
    assert '<option value="CA">Canada</option>' in html
    assert '<option value="MX">' not in html  # a Mexican party is not a foreign counterpart
    token = token_on_page(client, found, "/en")
    response = client.post(reply_url(found, "/en"), reply_data(token))
    assert response.status_code == 400
    assert (
        "The form was sent too quickly, as an automated program would send it." in response.content.decode()
    )
    clock.shift(4)
    response = client.post(reply_url(found, "/en"), reply_data(token))
    assert response["Location"] == f"/en/buscan-socio/{found.pk}/enviada/"
    sent = client.get(response["Location"]).content.decode()
    assert "Thank you: your message was sent" in sent
    assert (
        "Your message reached Oaxaca de Juárez. They will answer you at jane.smith@kelowna.example.ca."
        in sent
    )
    assert PartnerRequestReply.objects.get().language == "en"


# --- The time token ---------------------------------------------------------------------------------------
def test_a_form_sent_too_fast_is_refused_and_the_same_form_goes_through_a_moment_later(
    client, setting, clock
):
    found = setting["request"]
    token = token_on_page(client, found)
    clock.shift(2.9)
    response = client.post(reply_url(found), reply_data(token))
    assert response.status_code == 400
    html = response.content.decode()
    assert "El formulario se envió demasiado rápido" in html
    assert (
        f'<input type="hidden" name="token" value="{token}">' in html
    )  # kept: a retry counts from the start
    assert 'value="City of Kelowna"' in html  # what the person typed is still there
    clock.shift(0.2)
    assert client.post(reply_url(found), reply_data(token)).status_code == 302
    assert PartnerRequestReply.objects.count() == 1


def test_minimum_is_a_setting(client, setting, settings):
    settings.PARTNERS_BOARD_REPLY_MIN_SECONDS = 0
    found = setting["request"]
    assert client.post(reply_url(found), reply_data(token_on_page(client, found))).status_code == 302


def test_an_expired_form_is_refused_with_a_fresh_token(client, setting, clock, settings):
    found = setting["request"]
    token = token_on_page(client, found)
    clock.shift(settings.PARTNERS_BOARD_REPLY_MAX_AGE + 1)
    response = client.post(reply_url(found), reply_data(token))
    assert response.status_code == 400
    html = response.content.decode()
    assert "La página estuvo abierta demasiado tiempo y el formulario venció." in html
    fresh = re.search(r'name="token" value="([^"]+)"', html).group(1)
    assert fresh != token
    clock.shift(10)
    assert client.post(reply_url(found), reply_data(fresh)).status_code == 302


@pytest.mark.parametrize(
    ("make_token", "message"),
    [
        (lambda found: "", "El formulario llegó incompleto o alterado."),
        (
            lambda found: board_spam.reply_token(found.pk)[:-3] + "abc",
            "El formulario llegó incompleto o alterado.",
        ),
        (
            lambda found: signing.dumps({"r": found.pk, "t": 0}, salt="otra-cosa"),
            "El formulario llegó incompleto o alterado.",
        ),
        (lambda found: board_spam.reply_token(found.pk + 1000), "El formulario era de otra solicitud."),
    ],
    ids=["missing", "tampered", "other-salt", "other-request"],
)
def test_a_bad_token_is_refused(client, setting, clock, make_token, message):
    found = setting["request"]
    token = make_token(found)
    clock.shift(10)
    response = client.post(reply_url(found), reply_data(token))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not PartnerRequestReply.objects.exists() and not Notification.objects.exists()


# --- The honeypot ------------------------------------------------------------------------------------------
def test_the_honeypot_is_hidden_from_people(client, setting):
    html = client.get(f"/buscan-socio/{setting['request'].pk}/").content.decode()
    assert re.search(
        r'<div class="hp-field" aria-hidden="true">\s*<label for="id_website">No escriba nada aquí</label>\s*'
        r'<input type="text" name="website" id="id_website" value="" tabindex="-1" autocomplete="off">',
        html,
    )
    from django.contrib.staticfiles import finders

    css = open(finders.find("css/site.css"), encoding="utf-8").read()
    assert ".hp-field { position: absolute; left: -10000px;" in css


def test_a_filled_honeypot_is_refused(client, setting, clock):
    found = setting["request"]
    token = token_on_page(client, found)
    clock.shift(10)
    response = client.post(reply_url(found), reply_data(token, website="http://spam.example.com"))
    assert response.status_code == 400
    assert "llegó lleno un campo que las personas no ven" in response.content.decode()
    assert not PartnerRequestReply.objects.exists() and not Notification.objects.exists()


# --- Rate limits ------------------------------------------------------------------------------------------
def test_replies_per_address_are_limited(client, setting, clock, settings):
    settings.PARTNERS_BOARD_REPLIES_PER_IP = (2, 3600)
    found = setting["request"]
    for _ in range(2):
        token = token_on_page(client, found)
        clock.shift(5)
        assert client.post(reply_url(found), reply_data(token)).status_code == 302
    token = token_on_page(client, found)
    clock.shift(5)
    response = client.post(reply_url(found), reply_data(token))
    assert response.status_code == 429
    assert "Recibimos demasiados mensajes desde su conexión en poco tiempo." in response.content.decode()
    # Another address is not held back...
    other = Client(REMOTE_ADDR="203.0.113.9")
    token = token_on_page(other, found)
    clock.shift(5)
    assert other.post(reply_url(found), reply_data(token)).status_code == 302
    # ...and the first one may write again in the next window.
    clock.shift(3600)
    token = token_on_page(client, found)
    clock.shift(5)
    assert client.post(reply_url(found), reply_data(token)).status_code == 302
    assert PartnerRequestReply.objects.count() == 4


def test_attempts_per_address_are_limited_too(client, setting, clock, settings):
    settings.PARTNERS_BOARD_POSTS_PER_IP = (3, 3600)
    found = setting["request"]
    for _ in range(3):
        assert client.post(reply_url(found), reply_data("")).status_code == 400
    assert client.post(reply_url(found), reply_data("")).status_code == 429


# --- The form's own validation -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("consent", "", "Sin su permiso no podemos enviar sus datos al municipio."),
        ("email", "jane-at-kelowna", "Introduzca una dirección de correo electrónico válida."),
        ("country", "MX", "Seleccione una opción válida. MX no es una de las opciones disponibles."),
        ("organization", "", "Gobierno u organismo: Este campo es requerido."),
        ("message", "Hola", "Asegúrese de que este valor tenga como mínimo 20 caracteres (tiene 4)."),
        (
            "message",
            "Vea https://a.example https://b.example https://c.example www.d.example ahora",
            "El mensaje tiene demasiados enlaces (el máximo es 3).",
        ),
        ("name", "Jane\x00", "Caracteres nulos no están permitidos."),
    ],
)
def test_bad_replies_are_refused_with_their_message(client, setting, clock, field, value, message):
    found = setting["request"]
    token = token_on_page(client, found)
    clock.shift(5)
    response = client.post(reply_url(found), reply_data(token, **{field: value}))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not PartnerRequestReply.objects.exists()


def test_the_reply_route_takes_only_posts_with_csrf(setting):
    found = setting["request"]
    strict = Client(enforce_csrf_checks=True)
    assert strict.get(reply_url(found)).status_code == 405
    assert strict.post(reply_url(found), reply_data(board_spam.reply_token(found.pk))).status_code == 403
    assert not PartnerRequestReply.objects.exists()


def test_inactive_officials_are_not_notified(client, setting, clock):
    setting["ben"].is_active = False
    setting["ben"].save()
    UserFactory()  # someone with no membership
    found = setting["request"]
    token = token_on_page(client, found)
    clock.shift(5)
    client.post(reply_url(found), reply_data(token))
    assert [n.recipient.email for n in Notification.objects.all()] == ["ana@oaxaca.gob.mx"]


def test_a_request_that_closes_meanwhile_takes_no_more_replies(client, setting, clock):
    found = setting["request"]
    token = token_on_page(client, found)
    found.closed_at = timezone.now()
    found.save()
    clock.shift(5)
    assert client.post(reply_url(found), reply_data(token)).status_code == 404
    assert not PartnerRequestReply.objects.exists()
