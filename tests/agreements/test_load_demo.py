"""`manage.py load_demo`: known relationships and demo accounts, on the full catalogues (loaded once here)."""

import csv
import math
import re
import stat
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import authenticate
from django.core.cache import cache
from django.core.management.base import CommandError
from django.urls import reverse

from accounts.demo import DEMO_FLAG_CACHE_KEY
from accounts.models import Membership, User
from agreements.domain.public_records import SISTER_CITIES_CSV
from agreements.models import Agreement
from municipalities.loaders import MUNICIPALITIES_CSV
from partners.models import PartnerCity, WorldTwinLink
from tests.fixtures.catalogues import demo_snapshot, run, wipe

pytestmark = [pytest.mark.slow, pytest.mark.django_db]

DEMO_EMAILS = [
    "oaxaca@demo.ciberparadiplomacia.mx",
    "guadalajara@demo.ciberparadiplomacia.mx",
    "revisor@demo.ciberparadiplomacia.mx",
    "admin@demo.ciberparadiplomacia.mx",
]


def credentials_file() -> Path:
    return Path(settings.DEMO_CREDENTIALS_FILE)


def passwords_on_file() -> dict[str, str]:
    lines = credentials_file().read_text(encoding="utf-8").splitlines()
    return {line.split()[0]: line.split()[1] for line in lines if line and not line.startswith("#")}


# --- An independent reading of the list, for the expected numbers --------------------------------------


def _km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 12742.0 * math.asin(math.sqrt(a))


def _specific(name: str) -> str:
    """'Old Havana (Havana)' and 'Havana – Old Havana' both name Old Havana."""
    if name.endswith(")") and " (" in name:
        return name.split(" (")[0]
    return name.split(" – ")[-1]


@pytest.fixture(scope="module")
def csv_facts():
    with SISTER_CITIES_CSV.open(encoding="utf-8") as f:
        rows = list(enumerate(csv.DictReader(f), start=2))  # row 1 is the header
    with MUNICIPALITIES_CSV.open(encoding="utf-8") as f:
        catalogue = list(csv.DictReader(f))
    coords = {r["cvegeo"]: r for r in catalogue if r["latitude"]}
    without_coords = {r["cvegeo"] for r in catalogue if not r["latitude"]}
    far = []
    for n, r in rows:
        m = coords.get(r["mx_cvegeo_guess"])
        if (
            m
            and _km(float(r["mx_lat"]), float(r["mx_lon"]), float(m["latitude"]), float(m["longitude"])) > 100
        ):
            far.append((n, r))
    far_rows = {n for n, _ in far}
    exact = [(r["mx_cvegeo_guess"], r["partner_city"], r["partner_country_iso2"]) for _, r in rows]
    kept = {
        (r["mx_cvegeo_guess"], r["partner_country_iso2"], _specific(r["partner_city"]))
        for n, r in rows
        if n not in far_rows
    }
    return {
        "rows": len(rows),
        "far": far,
        "exact_duplicates": len(exact) - len(set(exact)),
        "expected_agreements": len(kept),
        "state_level": sum(1 for _, r in rows if r["match_status"] == "state_level"),
        "unchecked": [(n, r) for n, r in rows if r["mx_cvegeo_guess"] in without_coords],
    }


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        wipe()
        run("load_catalogs")
        first_out, first_err = run("load_demo")
        after_first = demo_snapshot()
        second_out, second_err = run("load_demo")
        after_second = demo_snapshot()
        yield {
            "first": first_out,
            "first_err": first_err,
            "second": second_out,
            "second_err": second_err,
            "after_first": after_first,
            "after_second": after_second,
        }
        wipe()


def test_load_demo_relationship_count_matches_the_list(loaded, csv_facts):
    assert csv_facts["rows"] == 501
    assert len(csv_facts["far"]) == 11
    assert csv_facts["exact_duplicates"] == 3
    assert csv_facts["expected_agreements"] == 480
    known = Agreement.objects.filter(source=Agreement.Source.PUBLIC_RECORD)
    assert known.count() == csv_facts["expected_agreements"]
    assert Agreement.objects.count() == known.count()
    out = loaded["first"]
    assert "501 rows read from" in out
    assert "loaded: 480 agreements (480 created, 0 updated, 0 unchanged)" in out
    assert "merged: 10 rows into an earlier row" in out
    assert "(3 exact duplicates, 7 name variants)" in out
    assert "left out: 11 rows:" in out


def test_load_demo_agreement_fields(loaded):
    agreement = Agreement.objects.get(municipality="20067", partner_city__name="Luanda")
    assert agreement.title == "Hermanamiento Oaxaca de Juárez–Luanda"
    assert (agreement.type, agreement.status, agreement.source, agreement.source_detail) == (
        "hermanamiento",
        "desconocido",
        "public_record",
        "wikipedia:mexico_page",
    )
    assert (agreement.level, agreement.state_id, agreement.country_id) == ("municipio", "20", "AO")
    assert (agreement.counterpart_name, agreement.counterpart_level) == ("Luanda", "ciudad")
    assert agreement.partner_city.geonames_id == 2240449
    assert (
        agreement.signed_on,
        agreement.valid_from,
        agreement.valid_until,
        agreement.registration_number,
    ) == (
        None,
        None,
        None,
        None,
    )
    # Every known relationship: a title with an en dash, a matched city in the agreement's country.
    for title, country, city_country in Agreement.objects.values_list(
        "title", "country", "partner_city__country"
    ):
        assert re.fullmatch(r"Hermanamiento .+–.+", title)
        assert country == city_country


def test_load_demo_exact_duplicates_merged(loaded):
    for cvegeo, partner in [("15037", "Longford"), ("09003", "Clifden"), ("09003", "Arlington County")]:
        agreements = Agreement.objects.filter(municipality=cvegeo, partner_city__name=partner)
        assert [a.source_detail for a in agreements] == [
            "wikipedia:mexico_page; wikipedia:partner_country_page"
        ]
    assert "row 146 Huixquilucan (15037) – Longford (IE) -> row 145: exact duplicate" in loaded["first"]
    # Arlington County is not in GeoNames: its PartnerCity came from the list, without a geonames_id.
    arlington = Agreement.objects.get(municipality="09003", partner_city__name="Arlington County")
    assert arlington.partner_city.geonames_id is None
    # A county is a county, not a city (DOMAIN.md §5 counterpart_level); a province is a region.
    assert arlington.counterpart_level == Agreement.CounterpartLevel.COUNTY
    assert Agreement.objects.get(partner_city__name="Shandong").counterpart_level == "region"


def test_load_demo_name_variants_merged(loaded):
    # "Havana – Old Havana" and "Old Havana (Havana)" are one relationship per municipality.
    for cvegeo in ["11015", "23003", "16053", "11003"]:
        titles = list(
            Agreement.objects.filter(municipality=cvegeo, country="CU").values_list("title", flat=True)
        )
        assert len(titles) == 1 and titles[0].endswith("–Havana")
    diez = Agreement.objects.filter(municipality="15121", country="CU")
    assert [a.partner_city.name for a in diez] == ["Diez de Octubre"]
    assert "row 123 Guanajuato (11015) – Old Havana (Havana) (CU) -> row 122: name variant" in loaded["first"]


def test_load_demo_state_level_rows(loaded, csv_facts):
    state_level = Agreement.objects.filter(level=Agreement.Level.ESTADO)
    assert state_level.count() == csv_facts["state_level"] == 13
    assert not state_level.exclude(municipality=None).exists()
    assert sorted(state_level.values_list("state", flat=True)) == ["09"] * 12 + ["14"]
    assert Agreement.objects.get(level="estado", state="14").title == "Hermanamiento Jalisco–Shanghai"
    assert Agreement.objects.get(level="estado", state="09", partner_city__name="Beijing").title == (
        "Hermanamiento Ciudad de México–Beijing"
    )
    assert not Agreement.objects.filter(level="municipio", municipality=None).exists()


def test_load_demo_far_municipalities_left_out_and_reported(loaded, csv_facts):
    out = loaded["first"]
    for row, r in csv_facts["far"]:
        mexican, partner = (
            f"{r['mx_city']} ({r['mx_cvegeo_guess']})",
            f"{r['partner_city']} ({r['partner_country_iso2']})",
        )
        assert f"row {row} {mexican} – {partner}:" in out
        assert not Agreement.objects.filter(
            municipality=r["mx_cvegeo_guess"],
            partner_city__name=r["partner_city"],
            country=r["partner_country_iso2"],
        ).exists()
    assert (
        "row 39 Cedral (24007) – Alton (US): municipality Cedral, San Luis Potosí (24007) lies 7,466 km from "
        "the list's coordinates for 'Cedral' (over 100 km): wrong name match"
    ) in out


def test_load_demo_reports_rows_it_could_not_check(loaded, csv_facts):
    """A municipality without coordinates cannot be checked against the 100 km rule: loaded, and said so."""
    out = loaded["first"]
    assert [r["mx_city"] for _, r in csv_facts["unchecked"]] == ["Satevó"]  # what the bundled data holds
    assert "loaded without the distance check: 1 row:" in out
    for row, r in csv_facts["unchecked"]:
        assert (
            f"row {row} {r['mx_city']} ({r['mx_cvegeo_guess']}) – {r['partner_city']} "
            f"({r['partner_country_iso2']}): no coordinates in the catalogue: the name match is unverified"
        ) in out
        assert Agreement.objects.filter(
            municipality=r["mx_cvegeo_guess"], partner_city__name=r["partner_city"]
        ).exists()


def test_load_demo_accounts(loaded):
    users = {u.email: u for u in User.objects.filter(is_demo=True)}
    assert sorted(users) == sorted(DEMO_EMAILS)
    roles = {e: (u.sre_role, u.is_staff, u.is_superuser, u.is_active) for e, u in users.items()}
    assert roles == {
        "oaxaca@demo.ciberparadiplomacia.mx": ("", False, False, True),
        "guadalajara@demo.ciberparadiplomacia.mx": ("", False, False, True),
        "revisor@demo.ciberparadiplomacia.mx": ("reviewer", False, False, True),
        "admin@demo.ciberparadiplomacia.mx": ("admin", True, True, True),
    }
    memberships = Membership.objects.filter(user__is_demo=True).values_list(
        "user__email", "municipality", "role"
    )
    assert sorted(memberships) == [
        ("guadalajara@demo.ciberparadiplomacia.mx", "14039", "titular"),
        ("oaxaca@demo.ciberparadiplomacia.mx", "20067", "titular"),
    ]
    addresses = EmailAddress.objects.filter(user__is_demo=True).values_list("email", "verified", "primary")
    assert sorted(addresses) == sorted((e, True, True) for e in DEMO_EMAILS)


def test_load_demo_passwords_on_file_authenticate(loaded):
    path = credentials_file()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    passwords = passwords_on_file()
    assert sorted(passwords) == sorted(DEMO_EMAILS)
    for email, password in passwords.items():
        assert authenticate(username=email, password=password) == User.objects.get(email=email)
        assert password in loaded["first"]  # printed once...
        assert password not in loaded["second"]  # ...and never again
    assert authenticate(username=DEMO_EMAILS[0], password="wrong-password-1") is None


def test_load_demo_official_logs_in_through_allauth(loaded, client):
    password = passwords_on_file()["oaxaca@demo.ciberparadiplomacia.mx"]
    response = client.post(
        reverse("account_login"), {"login": "oaxaca@demo.ciberparadiplomacia.mx", "password": password}
    )
    assert response.status_code == 302
    assert "confirm-email" not in response.url and "verification" not in response.url
    assert client.session["_auth_user_id"] == str(User.objects.get(email=DEMO_EMAILS[0]).pk)


def test_load_demo_second_run_changes_nothing(loaded):
    assert loaded["after_second"] == loaded["after_first"]  # includes updated_at and password hashes
    second = loaded["second"]
    assert "loaded: 480 agreements (0 created, 0 updated, 480 unchanged)" in second
    assert "Demo accounts: 0 created, 0 updated, 4 unchanged, 0 with new passwords" in second
    assert "Nothing changed: the database already had this demo content." in second
    assert "New demo passwords" not in second
    assert loaded["second_err"] == ""


def test_load_demo_no_accounts_loads_only_the_known_relationships(loaded):
    """A production registry: the known relationships without demo accounts (nor their banner)."""
    Agreement.objects.filter(source=Agreement.Source.PUBLIC_RECORD).delete()
    User.objects.filter(is_demo=True).delete()
    on_file = credentials_file().read_text(encoding="utf-8")
    out, err = run("load_demo", "--no-accounts")
    assert "loaded: 480 agreements (480 created, 0 updated, 0 unchanged)" in out
    assert "Demo accounts: not touched (--no-accounts)" in out
    assert "New demo passwords" not in out and err == ""
    assert not User.objects.filter(is_demo=True).exists()
    assert credentials_file().read_text(encoding="utf-8") == on_file
    assert Agreement.objects.filter(source=Agreement.Source.PUBLIC_RECORD).count() == 480


def test_load_demo_clears_the_demo_banner_flag(loaded):
    cache.set(DEMO_FLAG_CACHE_KEY, False)
    out, _ = run("load_demo")
    assert cache.get(DEMO_FLAG_CACHE_KEY) is None
    assert "Nothing changed" in out


def test_load_demo_without_credentials_file_keeps_passwords(loaded):
    path = credentials_file()
    saved = path.read_text(encoding="utf-8")
    before = demo_snapshot()
    path.unlink()
    try:
        out, err = run("load_demo")
        assert demo_snapshot() == before
        assert not path.exists()
        assert "Nothing changed" in out
        assert err.count("exists but its password is not in") == 4
        assert err.count("has two-factor authentication but its secret is not in") == 2
        assert "python manage.py load_demo --reset-passwords" in err
    finally:
        path.write_text(saved, encoding="utf-8")
        path.chmod(0o600)


def test_load_demo_reset_passwords(loaded):
    path = credentials_file()
    saved = path.read_text(encoding="utf-8")
    old = passwords_on_file()
    try:
        out, _ = run("load_demo", "--reset-passwords")
        new = passwords_on_file()
        assert sorted(new) == sorted(DEMO_EMAILS)
        for email in DEMO_EMAILS:
            assert new[email] != old[email]
            assert new[email] in out
            assert authenticate(username=email, password=new[email]) is not None
            assert authenticate(username=email, password=old[email]) is None
        assert "4 with new passwords" in out
    finally:
        path.write_text(saved, encoding="utf-8")  # the test transaction rolls the hashes back
        path.chmod(0o600)


def test_load_demo_print_credentials(loaded):
    out, _ = run("load_demo", "--print-credentials")
    assert (
        out == f"Demo logins (from {credentials_file()}):\n{credentials_file().read_text(encoding='utf-8')}"
    )


def test_load_demo_malformed_file_changes_nothing(loaded, tmp_path):
    with SISTER_CITIES_CSV.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    rows[199][rows[0].index("match_status")] = "guessed"  # row 200, counting the header as row 1
    bad = tmp_path / "sister.csv"
    with bad.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    before = demo_snapshot()
    with pytest.raises(CommandError) as excinfo:
        run("load_demo", "--sister-cities-csv", str(bad))
    assert str(excinfo.value) == (
        f"Nothing was loaded. {bad}, row 200: match_status 'guessed' is not unique_name_match, alias_manual, "
        "state_level or ambiguous_N_picked_largest"
    )
    assert demo_snapshot() == before


def test_load_demo_needs_the_catalogues(loaded):
    # Inside the test's transaction: rolled back afterwards.
    for queryset in (Agreement.objects.all(), WorldTwinLink.objects.all(), PartnerCity.objects.all()):
        queryset._raw_delete(queryset.db)
    with pytest.raises(CommandError) as excinfo:
        run("load_demo")
    assert str(excinfo.value) == (
        "The catalogues are not loaded (no partner cities in the database). "
        "Run `python manage.py load_catalogs` first."
    )


def test_load_demo_sre_accounts_have_two_factor_with_the_secret_on_file(loaded):
    import pyotp
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP

    from accounts.demo import read_totp_secrets

    secrets_on_file = read_totp_secrets(Path(settings.DEMO_CREDENTIALS_FILE))
    assert sorted(secrets_on_file) == [
        "admin@demo.ciberparadiplomacia.mx",
        "revisor@demo.ciberparadiplomacia.mx",
    ]
    for email, secret in secrets_on_file.items():
        authenticator = Authenticator.objects.get(user__email=email, type=Authenticator.Type.TOTP)
        # A code computed from the printed secret is accepted by allauth: a person can log in with an app.
        assert TOTP(authenticator).validate_code(pyotp.TOTP(secret).now())
    officials = Authenticator.objects.filter(user__email__in=["oaxaca@demo.ciberparadiplomacia.mx"])
    assert not officials.exists()  # optional for officials: not imposed on the demo
