import datetime as dt

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from accounts import services
from accounts.models import Invitation, Membership, User
from tests.accounts.conftest import invitation_link
from tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db

TITULAR, CAPTURISTA = Membership.Role.TITULAR, Membership.Role.CAPTURISTA
NEW_PASSWORD = "Tlayuda-con-Tasajo-2026"
START = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)


def invite(client, user, django_capture_on_commit_callbacks, **data):
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        return client.post("/cuentas/invitar/", {"language": "es-mx", **data})


def accept(client, path, **overrides):
    data = {"first_name": "Luis", "last_name": "Pérez", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    return client.post(path, {**data, **overrides})


def make_invitation(*, by, municipality, role=CAPTURISTA, email="nueva@oaxaca.gob.mx", language="es-mx"):
    return services.invitation_create(
        by=by,
        email=email,
        municipality=municipality,
        role=role,
        language=language,
        base_url="http://testserver/",
    )


# --- Creating and sending --------------------------------------------------------------------------


def test_admin_invites_titular_and_email_carries_the_only_copy_of_the_token(
    client, sre_admin, oaxaca, outbox, django_capture_on_commit_callbacks
):
    response = invite(
        client,
        sre_admin,
        django_capture_on_commit_callbacks,
        email="  Presidencia@Oaxaca.gob.mx ",
        municipality="20067",
        role=TITULAR,
    )
    assert response.status_code == 302
    assert response["Location"] == "/cuentas/invitaciones/"
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.municipality_id, invitation.role) == (
        "presidencia@oaxaca.gob.mx",
        "20067",
        TITULAR,
    )
    assert invitation.invited_by == sre_admin
    assert invitation.expires_at - invitation.created_at == dt.timedelta(days=7)
    assert (invitation.used_at, invitation.revoked_at) == (None, None)

    assert len(outbox) == 1
    message = outbox[0]
    assert message.to == ["presidencia@oaxaca.gob.mx"]
    assert message.subject == "Invitación a Ciberparadiplomacia: Oaxaca de Juárez, Oax."
    assert "Función: Titular / enlace (puede enviar a la SRE)" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert '<html lang="es-MX">' in html
    path = invitation_link(message)
    token = path.split("/")[-2]
    assert path == f"/cuentas/invitacion/{token}/"
    assert f'href="http://testserver{path}"' in html
    # Only the hash is stored.
    assert invitation.token_hash == services.token_hash(token)
    assert token not in invitation.token_hash


def test_invitation_email_in_english_links_to_english_page(
    client, titular, oaxaca, outbox, django_capture_on_commit_callbacks
):
    invite(
        client,
        titular,
        django_capture_on_commit_callbacks,
        email="partner@example.org",
        municipality="20067",
        role=CAPTURISTA,
        language="en",
    )
    message = outbox[0]
    assert message.subject == "Invitation to Ciberparadiplomacia: Oaxaca de Juárez, Oax."
    assert "Role: Data-entry clerk (may edit, may not submit)" in message.body
    assert '<html lang="en">' in message.alternatives[0][0]
    assert invitation_link(message).startswith("/en/cuentas/invitacion/")


def test_inviting_again_replaces_the_open_invitation(titular, oaxaca):
    first, first_token = make_invitation(by=titular, municipality=oaxaca)
    second, second_token = make_invitation(by=titular, municipality=oaxaca)
    first.refresh_from_db()
    assert first.status == Invitation.Status.REVOKED
    assert second.status == Invitation.Status.PENDING
    assert list(Invitation.objects.pending()) == [second]


def test_inviting_a_current_member_with_same_role_is_refused_with_a_message(
    client, titular, capturista, oaxaca, django_capture_on_commit_callbacks
):
    response = invite(
        client,
        titular,
        django_capture_on_commit_callbacks,
        email="CAPTURISTA@oaxaca.gob.mx",
        municipality="20067",
        role=CAPTURISTA,
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "email": ["Esa persona ya forma parte del equipo de este municipio con esa función."]
    }
    assert Invitation.objects.count() == 0


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        (
            {"email": "", "municipality": "20067", "role": CAPTURISTA},
            {"email": ["Escriba el correo electrónico de la persona que va a invitar."]},
        ),
        (
            {"email": "no-es-correo", "municipality": "20067", "role": CAPTURISTA},
            {"email": ["Escriba un correo electrónico válido, por ejemplo nombre@municipio.gob.mx."]},
        ),
        (
            {"email": "a@b.mx", "municipality": "99999", "role": CAPTURISTA},
            {"municipality": ["Elija un municipio de la lista."]},
        ),
        (
            {"email": "a@b.mx", "municipality": "20067", "role": "admin"},
            {"role": ["Elija una de las funciones de la lista."]},
        ),
        (
            {"email": "a@b.mx", "municipality": "20067", "role": CAPTURISTA, "language": "fr"},
            {"language": ["Elija uno de los idiomas de la lista."]},
        ),
    ],
)
def test_invite_form_bad_input_gets_clear_messages(
    client, titular, oaxaca, data, errors, django_capture_on_commit_callbacks
):
    response = invite(client, titular, django_capture_on_commit_callbacks, **data)
    assert response.status_code == 200
    assert response.context["form"].errors == errors
    assert Invitation.objects.count() == 0


# --- Role limits -----------------------------------------------------------------------------------


def test_titular_cannot_invite_for_another_municipality(
    client, titular, puebla, django_capture_on_commit_callbacks
):
    response = invite(
        client,
        titular,
        django_capture_on_commit_callbacks,
        email="a@b.mx",
        municipality="21114",
        role=CAPTURISTA,
    )
    # Puebla is not among the titular's choices.
    assert response.context["form"].errors == {"municipality": ["Elija un municipio de la lista."]}
    assert Invitation.objects.count() == 0
    with pytest.raises(PermissionDenied):
        make_invitation(by=titular, municipality=puebla)


def test_titular_choices_are_only_their_municipalities(client, titular, puebla):
    client.force_login(titular)
    form = client.get("/cuentas/invitar/").context["form"]
    assert list(form.fields["municipality"].queryset.values_list("pk", flat=True)) == ["20067"]
    assert form.initial["municipality"] == "20067"


@pytest.mark.parametrize("who", ["capturista", "sre_reviewer"])
def test_capturista_and_reviewer_cannot_invite(client, request, who, oaxaca):
    user = request.getfixturevalue(who)
    client.force_login(user)
    for path in ("/cuentas/invitar/", "/cuentas/invitaciones/"):
        response = client.get(path)
        assert response.status_code == 403
        assert "Solo la administración de la SRE y las personas titulares pueden invitar." in (
            response.content.decode()
        )
    response = client.post(
        "/cuentas/invitar/", {"email": "a@b.mx", "municipality": "20067", "role": CAPTURISTA}
    )
    assert response.status_code == 403
    assert Invitation.objects.count() == 0
    with pytest.raises(PermissionDenied):
        make_invitation(by=user, municipality=oaxaca)


def test_anonymous_is_sent_to_login(client):
    response = client.get("/cuentas/invitar/")
    assert response.status_code == 302
    assert response["Location"] == "/cuentas/login/?next=/cuentas/invitar/"


# --- Accepting -------------------------------------------------------------------------------------


def test_accept_creates_user_membership_verified_address_and_logs_in(client, titular, oaxaca):
    invitation, token = make_invitation(by=titular, municipality=oaxaca)
    path = f"/cuentas/invitacion/{token}/"
    page = client.get(path)
    assert page.status_code == 200
    assert page.context["case"] == "new_account"
    assert "nueva@oaxaca.gob.mx" in page.content.decode()

    response = accept(client, path)

    assert response.status_code == 302
    assert response["Location"] == "/cuentas/mi-cuenta/"
    user = User.objects.get(email="nueva@oaxaca.gob.mx")
    assert (user.first_name, user.last_name, user.language) == ("Luis", "Pérez", "es-mx")
    assert user.check_password(NEW_PASSWORD)
    assert [(m.municipality_id, m.role) for m in user.memberships.all()] == [("20067", CAPTURISTA)]
    assert list(EmailAddress.objects.filter(user=user).values_list("email", "verified", "primary")) == [
        ("nueva@oaxaca.gob.mx", True, True)
    ]
    invitation.refresh_from_db()
    assert invitation.accepted_by == user
    assert invitation.status == Invitation.Status.ACCEPTED
    assert int(client.session["_auth_user_id"]) == user.pk
    profile = client.get("/cuentas/mi-cuenta/")
    assert [m.municipality.name for m in profile.context["memberships"]] == ["Oaxaca de Juárez"]


def test_accept_second_use_gets_clear_message_and_creates_nothing(client, titular, oaxaca):
    invitation, token = make_invitation(by=titular, municipality=oaxaca)
    path = f"/cuentas/invitacion/{token}/"
    accept(client, path)
    client.logout()

    again = client.get(path)
    assert again.status_code == 410
    assert "Esta invitación ya se usó el" in again.content.decode()
    assert ": cada invitación sirve una sola vez." in again.content.decode()
    posted = accept(client, path, first_name="Otra")
    assert posted.status_code == 410
    assert User.objects.filter(email="nueva@oaxaca.gob.mx").count() == 1
    assert User.objects.get(email="nueva@oaxaca.gob.mx").first_name == "Luis"


def test_accept_service_refuses_a_used_token(titular, oaxaca):
    invitation, token = make_invitation(by=titular, municipality=oaxaca)
    services.invitation_accept_new_user(token=token, first_name="A", last_name="B", password=NEW_PASSWORD)
    with pytest.raises(services.InvitationUnavailable) as raised:
        services.invitation_accept_new_user(token=token, first_name="A", last_name="B", password=NEW_PASSWORD)
    assert raised.value.status == Invitation.Status.ACCEPTED


def test_invitation_expires_after_seven_days(client, titular, oaxaca):
    with time_machine.travel(START, tick=False):
        invitation, token = make_invitation(by=titular, municipality=oaxaca)
    path = f"/cuentas/invitacion/{token}/"
    with time_machine.travel(START + dt.timedelta(days=7) - dt.timedelta(seconds=1), tick=False):
        assert client.get(path).status_code == 200
    with time_machine.travel(START + dt.timedelta(days=7), tick=False):
        response = client.get(path)
        assert response.status_code == 410
        # 2026-03-09 10:00 UTC is 04:00 in Mexico City. (Django's es_MX catalogue capitalises the month.)
        html = response.content.decode()
        assert "Esta invitación venció el 9 de " in html
        assert " de 2026 a las 04:00: pida una nueva a quien se la envió." in html
        assert accept(client, path).status_code == 410
    assert not User.objects.filter(email="nueva@oaxaca.gob.mx").exists()
    invitation.refresh_from_db()
    assert invitation.used_at is None


@pytest.mark.parametrize("token", ["desconocido", "x" * 43, "a%20b"])
def test_unknown_token_gets_404_with_message(client, token):
    response = client.get(f"/cuentas/invitacion/{token}/")
    assert response.status_code == 404
    assert "No encontramos ninguna invitación con este enlace." in response.content.decode()
    assert accept(client, f"/cuentas/invitacion/{token}/").status_code == 404


def test_revoked_invitation_gets_clear_message(client, titular, oaxaca):
    invitation, token = make_invitation(by=titular, municipality=oaxaca)
    services.invitation_revoke(invitation=invitation, by=titular)
    response = client.get(f"/cuentas/invitacion/{token}/")
    assert response.status_code == 410
    assert "Esta invitación fue cancelada." in response.content.decode()


@pytest.mark.parametrize(
    ("overrides", "field", "error"),
    [
        ({"password2": "otra-cosa-distinta-9"}, "password2", "Las dos contraseñas no coinciden."),
        (
            {"password1": "corta", "password2": "corta"},
            "password1",
            "La contraseña es demasiado corta. Debe contener por lo menos 10 caracteres.",
        ),
        ({"first_name": ""}, "first_name", "Escriba su nombre."),
        ({"first_name": "Lu\x00is"}, "first_name", "Caracteres nulos no están permitidos."),
    ],
)
def test_accept_form_errors_keep_invitation_open(client, titular, oaxaca, overrides, field, error):
    invitation, token = make_invitation(by=titular, municipality=oaxaca)
    response = accept(client, f"/cuentas/invitacion/{token}/", **overrides)
    assert response.status_code == 200
    assert error in response.context["form"].errors[field]
    assert not User.objects.filter(email="nueva@oaxaca.gob.mx").exists()
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.PENDING


def test_existing_account_must_log_in_then_accepts(client, titular, puebla_titular, oaxaca):
    invitation, token = make_invitation(by=titular, municipality=oaxaca, email="titular@puebla.gob.mx")
    path = f"/cuentas/invitacion/{token}/"
    page = client.get(path)
    assert page.context["case"] == "log_in_first"
    assert f'href="/cuentas/login/?next={path}"' in page.content.decode()
    assert accept(client, path).status_code == 200  # the form is not offered: no account is created
    assert User.objects.filter(email="titular@puebla.gob.mx").count() == 1

    client.force_login(puebla_titular)
    assert client.get(path).context["case"] == "existing_account"
    response = client.post(path)
    assert response.status_code == 302
    assert response["Location"] == "/cuentas/mi-cuenta/"
    roles = {m.municipality_id: m.role for m in puebla_titular.memberships.all()}
    assert roles == {"21114": TITULAR, "20067": CAPTURISTA}
    invitation.refresh_from_db()
    assert invitation.accepted_by == puebla_titular


def test_logged_in_as_someone_else_cannot_accept(client, titular, capturista, oaxaca):
    invitation, token = make_invitation(by=titular, municipality=oaxaca)
    client.force_login(capturista)
    response = client.post(f"/cuentas/invitacion/{token}/")
    assert response.status_code == 403
    assert "Inició sesión como capturista@oaxaca.gob.mx" in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.PENDING


# --- List and revoke -------------------------------------------------------------------------------


def test_titular_lists_and_revokes_only_own_municipality(client, titular, puebla_titular, oaxaca, puebla):
    own, _t = make_invitation(by=titular, municipality=oaxaca)
    other, _t = make_invitation(by=puebla_titular, municipality=puebla, email="otra@puebla.gob.mx")
    client.force_login(titular)
    assert list(client.get("/cuentas/invitaciones/").context["invitations"]) == [own]

    assert client.post(f"/cuentas/invitaciones/{other.pk}/cancelar/").status_code == 404
    other.refresh_from_db()
    assert other.status == Invitation.Status.PENDING

    response = client.post(f"/cuentas/invitaciones/{own.pk}/cancelar/")
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.status == Invitation.Status.REVOKED
    assert client.post(f"/cuentas/invitaciones/{own.pk}/cancelar/").status_code == 404  # not pending now
    assert client.get(f"/cuentas/invitaciones/{own.pk}/cancelar/").status_code == 405


def test_admin_list_shows_only_pending(client, sre_admin, titular, oaxaca, puebla):
    with time_machine.travel(timezone.now() - dt.timedelta(days=8)):
        make_invitation(by=titular, municipality=oaxaca, email="vencida@oaxaca.gob.mx")
    used, token = make_invitation(by=titular, municipality=oaxaca, email="usada@oaxaca.gob.mx")
    services.invitation_accept_new_user(token=token, first_name="A", last_name="B", password=NEW_PASSWORD)
    pending, _t = make_invitation(by=sre_admin, municipality=puebla, role=TITULAR, email="p@puebla.gob.mx")
    client.force_login(sre_admin)
    assert list(client.get("/cuentas/invitaciones/").context["invitations"]) == [pending]


@pytest.mark.parametrize("rows", [1, 50])
def test_invitation_list_query_count_is_constant(client, sre_admin, rows, django_assert_num_queries):
    for n in range(rows):
        make_invitation(
            by=sre_admin, municipality=MunicipalityFactory(), role=TITULAR, email=f"p{n}@m.gob.mx"
        )
    client.force_login(sre_admin)
    client.get("/cuentas/invitaciones/")  # the session's last-activity write happens on the first request
    # session, user, TOTP check (SRE staff), memberships, count, page of invitations
    with django_assert_num_queries(6):
        response = client.get("/cuentas/invitaciones/")
    assert len(response.context["invitations"]) == rows
    assert response.content.decode().count('action="/cuentas/invitaciones/') == rows


@pytest.mark.parametrize("rows", [1, 50])
def test_invite_page_query_count_is_constant(client, sre_admin, rows, django_assert_num_queries):
    for _n in range(rows):
        MunicipalityFactory()
    client.force_login(sre_admin)
    client.get("/cuentas/invitar/")
    # session, user, TOTP check, memberships, municipalities with their states
    with django_assert_num_queries(5):
        response = client.get("/cuentas/invitar/")
    assert response.content.decode().count("<option value=") == rows + 1 + 2  # + "Elige…" + 2 languages
