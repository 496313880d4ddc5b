"""Every model the SRE administrator needs is in the Django admin, with search and filters that work."""

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import User
from accounts.services import invitation_create, totp_enable_for_demo
from tests.factories import AgreementFactory, MunicipalityFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = UserFactory(is_staff=True, is_superuser=True, sre_role="admin")
    totp_enable_for_demo(user)  # two-factor is mandatory for SRE staff and superusers
    client.force_login(user)
    return client


def registered():
    return sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)


@pytest.mark.parametrize("model", [m for m, _ in registered()], ids=lambda m: m._meta.label)
def test_admin_changelist_with_search_and_filters_loads(admin_client, model):
    AgreementFactory()  # a few related rows, so filters have values
    model_admin = admin.site._registry[model]
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    response = admin_client.get(url, {"q": "a"} if model_admin.search_fields else {})
    assert response.status_code == 200, url
    assert response.context["cl"].model is model


def test_project_models_are_all_registered():
    from django.apps import apps

    project_apps = {"accounts", "agreements", "municipalities", "partners", "showcase", "matchmaking"}
    shown_inline = {
        inline.model for model_admin in admin.site._registry.values() for inline in model_admin.inlines
    }
    missing = [
        model._meta.label
        for app in project_apps
        for model in apps.get_app_config(app).get_models()
        if model not in admin.site._registry and model not in shown_inline
    ]
    assert missing == []


def test_invitation_changelist_queries_do_not_grow_with_rows(admin_client):
    inviter = User.objects.get(sre_role=User.SreRole.ADMIN)
    url = reverse("admin:accounts_invitation_changelist")

    def invite(n: int) -> None:
        invitation_create(
            by=inviter,
            email=f"persona{n}@municipio.gob.mx",
            municipality=MunicipalityFactory(),  # each in a state of its own: the row shows "Name, Abbr."
            role="capturista",
            language="es-mx",
            base_url="http://testserver/",
        )

    invite(0)
    admin_client.get(url)  # the first request also fills per-process caches
    with CaptureQueriesContext(connection) as one:
        assert admin_client.get(url).status_code == 200
    for n in range(1, 4):
        invite(n)
    with CaptureQueriesContext(connection) as four:
        response = admin_client.get(url)
    assert response.status_code == 200
    assert len(response.context["cl"].result_list) == 4
    assert len(four) == len(one)
