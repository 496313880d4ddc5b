"""Every URL that takes an object identifier, requested by every role against another municipality's objects.

The test walks Django's resolver, so a route added later is covered without editing this file — and if it
takes an identifier this file does not know how to build an object for, the test fails and names it. Roles:
anonymous (sent to the login page), the capturista and the titular of municipality A, and an SRE reviewer
(who must not see drafts). The objects belong to municipality B. Expected everywhere: 404 or 403, and the
object unchanged.
"""

import datetime as dt
import hashlib

import pytest
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone, translation

from agreements.models import WorkingFile, WorkingFileUpload
from agreements.steps import registry as wizard
from agreements.steps import services
from tests.factories import (
    MunicipalityFactory,
    PartnerCityFactory,
    UserFactory,
    WorkingFileUploadFactory,
    complete_step_answers,
    official,
)

pytestmark = pytest.mark.django_db

# Routes whose identifier names public, read-only data (the registry is public by design): POST is refused.
PUBLIC_READ_ONLY = {
    "registry:agreement": "registry entries are public",
    "registry:municipality": "municipality profiles are public",
    "registry:state": "state profiles are public",
    "registry:country": "country profiles are public",
    "registry-api:agreement-detail": "open API, read-only",
    "registry-api:municipality-detail": "open API, read-only",
    "registry-api:state-detail": "open API, read-only",
    "registry-api:country-detail": "open API, read-only",
    "registry-api:partner-city-detail": "open API, read-only",
    "registry-api:stats": "open API, read-only",
    "documents:public_signed": "the signed agreement is public once inscribed (404 otherwise)",
    "documents:public_constancia": "the constancia is public once inscribed (404 otherwise)",
    "documents:public_constancia_status": "the constancia's generation status, public like the constancia",
    "registry-api:municipality-partner-suggestions": "open API, read-only",
    "showcase:photo": "showcase photos are public, like the showcase",
    "showcase:card": "the showcase's link-preview image is public",
}
# The partner-seeking board's public routes: anyone sees and answers a published request; a closed or expired
# one is gone for everybody but its municipality (test_unpublished_requests_are_out_of_reach).
PUBLISHED_ONLY = {"board:detail", "board:reply", "board:sent"}
# The identifier is a secret sent to one e-mail address, not an object id: an unknown one must not error.
BEARER_TOKENS = {
    "account_confirm_email": {"key": "made-up-key"},
    "account_reset_password_from_key": {"uidb36": "1", "key": "made-up-key"},
    "accounts:invitation_accept": {"token": "made-up-token"},
}


def walk(patterns, prefix="", namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        else:
            params = set(getattr(pattern.pattern, "converters", {})) | set(pattern.pattern.regex.groupindex)
            name = f"{namespace}{pattern.name}" if pattern.name else None
            yield prefix + str(pattern.pattern), name, params


def identifier_routes():
    """(route, name) of every pattern whose URL carries a parameter, through every include."""
    routes = []
    for route, name, params in walk(get_resolver().url_patterns):
        prefix_params = "<" in route or "(?P" in route
        if params or prefix_params:
            routes.append((route, name))
    return routes


@pytest.fixture
def world():
    """Municipality B with a draft working file, an upload and an invitation; users of municipality A."""
    town_a, town_b = MunicipalityFactory(cvegeo="20067"), MunicipalityFactory(cvegeo="14039")
    titular_b = official(town_b)
    draft = services.working_file_create(municipality=town_b, by=titular_b)
    answers = complete_step_answers(
        city=PartnerCityFactory(), signing_date="2030-01-01", session_date="2026-01-01"
    )
    services.step_save(
        working_file_id=draft.pk,
        step_name="diagnostico",
        data=answers["diagnostico"],
        base_version=None,
        by=titular_b,
    )
    upload = WorkingFileUploadFactory(working_file=draft)
    own_file = services.working_file_create(municipality=town_a, by=official(town_a))
    world = {
        "draft": WorkingFile.objects.get(pk=draft.pk),
        "upload": upload,
        "own_file": own_file,
        "town_b": town_b,
        "titular_b": titular_b,
        "users": {
            "anonymous": None,
            "capturista": official(town_a, role="capturista"),
            "titular": official(town_a, role="titular"),
            "sre_reviewer": sre_reviewer(),
        },
    }
    return world


def observation_of(world):
    """A draft observation on B's file (only its assigned reviewer could ever delete it)."""
    from agreements.models import Observation

    return Observation.objects.get_or_create(
        working_file=world["draft"], round=0, step="diagnostico", defaults={"text": "Observación de B"}
    )[0]


def sre_reviewer():
    """SRE staff must have TOTP set up (accounts middleware); with it, they reach the pages themselves."""
    from allauth.mfa.models import Authenticator

    user = UserFactory(sre_role="reviewer")
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"})
    return user


def invitation_of(world):
    from accounts.models import Invitation

    return Invitation.objects.create(
        email="nueva@example.org",
        municipality=world["town_b"],
        role="capturista",
        invited_by=world["titular_b"],
        token_hash=hashlib.sha256(b"secret").hexdigest(),
        expires_at=timezone.now() + dt.timedelta(days=7),
    )


def notification_of(world):
    from notifications.models import Notification

    return Notification.objects.create(recipient=world["titular_b"], kind="x", category="update", subject="B")


def document_of(world):
    from agreements.models import GeneratedDocument

    return GeneratedDocument.objects.get_or_create(
        working_file=world["draft"], kind="acuerdo", format="pdf", version=1, defaults={"status": "done"}
    )[0]


# How to build another municipality's object for each route that takes an identifier.
BUILDERS = {
    # The review workflow (agreements/review/urls.py): SRE pages and the municipality's actions.
    **{
        f"review:{name}": lambda w: [{"pk": w["draft"].pk}]
        for name in (
            "file",
            "take",
            "reassign",
            "observation_add",
            "request_changes",
            "dictamen",
            "inscribe",
            "sign",
            "withdraw",
            "new_version",
        )
    },
    "review:observation_delete": lambda w: [
        {"pk": w["draft"].pk, "observation_pk": observation_of(w).pk},
        # The user's own file with B's observation id.
        {"pk": w["own_file"].pk, "observation_pk": observation_of(w).pk},
    ],
    # The transition API (agreements/api/): the same files, the same refusals.
    **{
        f"review-api:working-file-{name}": lambda w: [{"pk": w["draft"].pk}]
        for name in (
            "detail",
            "submit",
            "take",
            "reassign",
            "request-changes",
            "resubmit",
            "dictamen",
            "sign",
            "inscribe",
            "withdraw",
        )
    },
    "agreements:file_detail": lambda w: [{"pk": w["draft"].pk}],
    "agreements:step": lambda w: [{"pk": w["draft"].pk, "step": step.name} for step in wizard.STEPS],
    "agreements:submit": lambda w: [{"pk": w["draft"].pk}],
    "agreements:status": lambda w: [{"pk": w["draft"].pk}],
    "agreements:upload": lambda w: [
        {"pk": w["draft"].pk, "upload_pk": w["upload"].pk},
        # The user's own file with B's document id: the document must still be out of reach.
        {"pk": w["own_file"].pk, "upload_pk": w["upload"].pk},
    ],
    "accounts:invitation_revoke": lambda w: [{"pk": invitation_of(w).pk}],
    "notifications:open": lambda w: [{"pk": notification_of(w).pk}],
    # Generated documents (agreements/documents/urls.py).
    "documents:file": lambda w: [{"pk": w["draft"].pk}],
    "documents:generate": lambda w: [{"pk": w["draft"].pk, "kind": "acuerdo"}],
    **{
        f"documents:{name}": lambda w: [
            {"pk": w["draft"].pk, "document_pk": document_of(w).pk},
            # The user's own file with B's document id.
            {"pk": w["own_file"].pk, "document_pk": document_of(w).pk},
        ]
        for name in ("download", "status")
    },
    # The showcase's editing (showcase/urls.py) and the board's management (matchmaking/board/urls.py).
    "showcase:edit": lambda w: [{"cvegeo": w["town_b"].pk}],
    "showcase:photo_add": lambda w: [{"cvegeo": w["town_b"].pk}],
    "showcase:photo_delete": lambda w: [
        {"cvegeo": w["town_b"].pk, "pk": photo_of(w).pk},
        # The user's own municipality with B's photo id: still out of reach.
        {"cvegeo": w["own_file"].municipality_id, "pk": photo_of(w).pk},
    ],
    "board:edit": lambda w: [{"pk": partner_request_of(w).pk}],
    "board:close": lambda w: [{"pk": partner_request_of(w).pk}],
}


def photo_of(world):
    from tests.factories import MunicipalityPhotoFactory

    if "photo" not in world:
        world["photo"] = MunicipalityPhotoFactory(municipality=world["town_b"])
    return world["photo"]


def partner_request_of(world, **fields):
    from tests.factories import PartnerRequestFactory

    key = f"request{sorted(fields.items())}"
    if key not in world:
        world[key] = PartnerRequestFactory(municipality=world["town_b"], **fields)
    return world[key]


# The API answers an anonymous caller with 403 (there is no login page to send it to).
API_ROUTES = {name for name in BUILDERS if name.startswith("review-api:")}


def test_every_identifier_route_is_known():
    unknown = [
        (route, name)
        for route, name in identifier_routes()
        if not route.startswith("admin/")
        and name not in BUILDERS
        and name not in PUBLIC_READ_ONLY
        and name not in BEARER_TOKENS
        and name not in PUBLISHED_ONLY
    ]
    assert unknown == [], (
        "These routes take an identifier and this test cannot build another municipality's object for them. "
        "Add a builder to BUILDERS (and an object-level check to the view), or list them with a reason."
    )


@pytest.mark.parametrize("role", ["anonymous", "capturista", "titular", "sre_reviewer"])
def test_other_municipalities_objects_are_out_of_reach(client, world, role):
    translation.activate("es-mx")  # URLs reversed in Spanish whatever an earlier test left active
    user = world["users"][role]
    if user:
        client.force_login(user)
    draft = world["draft"]
    checked = []
    for _route, name in identifier_routes():
        if name not in BUILDERS:
            continue
        for kwargs in BUILDERS[name](world):
            url = reverse(name, kwargs=kwargs)
            for method in ("get", "post"):
                response = getattr(client, method)(url, {"version": 99, "objetivo": "Intruso"})
                if user is None and name in API_ROUTES:
                    assert response.status_code in (401, 403, 405), (url, method)
                elif user is None and response.status_code != 405:
                    assert response.status_code == 302, (url, method)
                    assert response["Location"].startswith("/cuentas/login/?next="), (url, method)
                else:
                    assert response.status_code in (403, 404, 405), (role, url, method, response.status_code)
                    if (
                        response.status_code == 405
                    ):  # a POST-only or GET-only route: the other method is checked
                        continue
                checked.append((url, method))
    assert len(checked) >= 2 * (3 + len(wizard.STEPS) + 2)
    after = WorkingFile.objects.get(pk=draft.pk)
    assert (after.version, after.state, after.answers) == (draft.version, draft.state, draft.answers)
    assert WorkingFileUpload.objects.filter(pk=world["upload"].pk).exists()
    assert list(after.observations.values_list("text", flat=True)) == ["Observación de B"]


@pytest.mark.parametrize("role", ["capturista", "titular", "sre_reviewer"])
def test_admin_routes_refuse_every_non_staff_role(client, world, role):
    client.force_login(world["users"][role])
    for route, name in identifier_routes():
        if not route.startswith("admin/") or not name or name == "admin:view_on_site":
            continue
        params = next(p for r, n, p in walk(get_resolver().url_patterns) if n == name)
        url = reverse(name, kwargs={p: "agreements" if p == "app_label" else "1" for p in params})
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"], url


def test_sre_reviewer_sees_a_submitted_file_and_officials_of_other_municipalities_do_not(client, world):
    WorkingFile.objects.filter(pk=world["draft"].pk).update(state=WorkingFile.State.SUBMITTED)
    url = reverse("agreements:status", kwargs={"pk": world["draft"].pk})
    client.force_login(world["users"]["sre_reviewer"])
    assert client.get(url).status_code == 200
    # Seen, not edited: the steps of a submitted file lead back to its status page.
    step = reverse("agreements:step", kwargs={"pk": world["draft"].pk, "step": "diagnostico"})
    assert client.post(step, {"version": 99, "objetivo": "Intruso"})["Location"] == url
    client.force_login(world["users"]["titular"])
    assert client.get(url).status_code == 404


def test_bearer_token_routes_answer_an_unknown_token_without_error(client):
    for name, kwargs in BEARER_TOKENS.items():
        try:
            url = reverse(name, kwargs=kwargs)
        except Exception:  # route not installed in this checkout
            continue
        assert client.get(url).status_code < 500, url


def test_public_routes_refuse_writes(client, world):
    values = {"pk": "1", "cvegeo": "14039", "code": "14", "iso2": "JP", "name": "by_country"}
    for _route, name, params in walk(get_resolver().url_patterns):
        if name in PUBLIC_READ_ONLY:
            url = reverse(name, kwargs={p: values[p] for p in params})
            assert client.post(url, {}).status_code in (403, 405), url


@pytest.mark.parametrize("role", ["anonymous", "capturista", "titular", "sre_reviewer"])
def test_unpublished_requests_are_out_of_reach(client, world, role):
    """B's closed and expired requests: 404 for everyone outside B on every board route; nothing stored."""
    from matchmaking.models import PartnerRequestReply
    from tests.factories import in_days

    translation.activate("es-mx")
    user = world["users"][role]
    if user:
        client.force_login(user)
    hidden = [
        partner_request_of(world, closed_at=timezone.now()),
        partner_request_of(world, expires_on=in_days(-1)),
    ]
    checked = 0
    for found in hidden:
        for name in sorted(PUBLISHED_ONLY):
            url = reverse(name, kwargs={"pk": found.pk})
            for method in ("get", "post"):
                response = getattr(client, method)(url, {"name": "Intruso", "message": "x" * 40})
                if response.status_code == 405:
                    continue
                assert response.status_code == 404, (role, url, method, response.status_code)
                checked += 1
    assert checked == 2 * 3  # detail (GET), reply (POST), sent (GET) for each request
    assert PartnerRequestReply.objects.count() == 0


def test_owners_see_their_unpublished_request(client, world):
    closed = partner_request_of(world, closed_at=timezone.now())
    client.force_login(world["titular_b"])
    response = client.get(reverse("board:detail", kwargs={"pk": closed.pk}))
    assert response.status_code == 200
    assert "Esta solicitud está cerrada: sólo su municipio la ve." in response.content.decode()
