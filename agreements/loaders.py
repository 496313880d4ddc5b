"""Known relationships (Wikipedia's sister-city lists) and the demo accounts, for `load_demo`.

agreements/data/mx_sister_cities.csv is NOT the SRE registry: it lists informal, lapsed and unregistered
pairs too, so every row becomes an Agreement with source `public_record` ("relación conocida"), never `rai`.
"""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Hashable
from dataclasses import dataclass, field
from pathlib import Path

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.models import Membership, User
from accounts.selectors import has_totp
from accounts.services import totp_enable_for_demo
from agreements.models import Agreement
from ciberparadiplomacia.loading import (
    DataFileError,
    SyncResult,
    haversine_km,
    parse_coordinates,
    parse_digits,
    parse_text,
    read_csv,
    sync_rows,
)
from municipalities.models import Municipality, State
from partners.loaders import (
    MATCH_MIN_POPULATION,
    CityIndex,
    CityRef,
    existing_partner_cities,
    geonames_cities,
    match_partner_city,
    partner_city_key,
)
from partners.models import Country

SISTER_CITIES_CSV = Path(__file__).resolve().parent / "data" / "mx_sister_cities.csv"
COLUMNS = (
    "mx_city",
    "mx_cvegeo_guess",
    "match_status",
    "mx_lat",
    "mx_lon",
    "partner_city",
    "partner_country_en",
    "partner_country_iso2",
    "partner_country_es",
    "partner_lat",
    "partner_lon",
    "source",
)
MATCH_STATUS = re.compile(r"^(unique_name_match|alias_manual|state_level|ambiguous_\d+_picked_largest)$")
STATE_LEVEL = "state_level"
# A municipality farther than this from the list's coordinates for the Mexican side is a wrong name match
# (e.g. "Cedral" picked in San Luis Potosí for a town elsewhere): such rows are left out.
MAX_MX_DISTANCE_KM = 100.0
AGREEMENT_FIELDS = [
    "title",
    "type",
    "status",
    "counterpart_name",
    "counterpart_level",
    "country",
    "source_detail",
    "signed_on",
    "valid_from",
    "valid_until",
]


@dataclass(frozen=True)
class SisterCityRow:
    row: int
    mx_city: str
    mx_code: str  # a municipality's cvegeo, or a state's code for state-level rows
    match_status: str
    mx_lat: float | None
    mx_lon: float | None
    partner_city: str
    partner_country: str  # ISO 3166-1 alpha-2
    partner_lat: float | None
    partner_lon: float | None
    source: str

    @property
    def state_level(self) -> bool:
        return self.match_status == STATE_LEVEL

    @property
    def city_ref(self) -> CityRef:
        return CityRef(self.partner_country, self.partner_city, self.partner_lat, self.partner_lon)

    def describe(self) -> str:
        return f"{self.mx_city} ({self.mx_code}) – {self.partner_city} ({self.partner_country})"


# The Wikipedia lists name a few counterparts that are not cities: a county or a province is a different
# level of government, and the registry says so (DOMAIN.md §5 counterpart_level).
PROVINCES = {"Shandong"}


def counterpart_level_of(name: str) -> str:
    if "County" in name or name.startswith("Condado"):
        return Agreement.CounterpartLevel.COUNTY
    if name in PROVINCES:
        return Agreement.CounterpartLevel.REGION
    return Agreement.CounterpartLevel.CITY


def read_sister_cities(path: Path | str = SISTER_CITIES_CSV) -> list[SisterCityRow]:
    """Parse and check the whole file; raises DataFileError on the first bad row."""
    rows = []
    for row_number, row in read_csv(path, COLUMNS):
        try:
            status = row["match_status"]
            if not MATCH_STATUS.match(status):
                raise ValueError(
                    f"match_status {status!r} is not unique_name_match, alias_manual, state_level "
                    "or ambiguous_N_picked_largest"
                )
            length = 2 if status == STATE_LEVEL else 5
            mx_code = parse_digits(row["mx_cvegeo_guess"], column="mx_cvegeo_guess", length=length)
            mx_lat, mx_lon = parse_coordinates(row["mx_lat"], row["mx_lon"], prefix="mx_")
            partner_lat, partner_lon = parse_coordinates(
                row["partner_lat"], row["partner_lon"], prefix="partner_"
            )
            country = row["partner_country_iso2"]
            if len(country) != 2 or not country.isascii() or not country.isalpha() or not country.isupper():
                raise ValueError(f"partner_country_iso2 {country!r} is not a two-letter upper-case code")
            rows.append(
                SisterCityRow(
                    row=row_number,
                    mx_city=parse_text(row["mx_city"], column="mx_city", max_length=200),
                    mx_code=mx_code,
                    match_status=status,
                    mx_lat=mx_lat,
                    mx_lon=mx_lon,
                    partner_city=parse_text(row["partner_city"], column="partner_city", max_length=200),
                    partner_country=country,
                    partner_lat=partner_lat,
                    partner_lon=partner_lon,
                    source=parse_text(row["source"], column="source", max_length=200),
                )
            )
        except ValueError as exc:
            raise DataFileError(path, row_number, str(exc)) from None
    if not rows:
        raise DataFileError(path, None, "the file has a header but no rows")
    return rows


# --- Known relationships ------------------------------------------------------------------------------


@dataclass
class RelationshipReport:
    read: int = 0
    result: SyncResult | None = None
    merged: list[tuple[SisterCityRow, SisterCityRow, str]] = field(default_factory=list)  # row, into, why
    left_out: list[tuple[SisterCityRow, str]] = field(default_factory=list)
    # Loaded, but the 100 km name check could not run: the municipality or the list has no coordinates.
    unchecked: list[tuple[SisterCityRow, str]] = field(default_factory=list)

    @property
    def exact_duplicates(self) -> int:
        return sum(1 for *_, why in self.merged if why == "exact duplicate")


def load_known_relationships(rows: list[SisterCityRow]) -> RelationshipReport:
    """Agreements (source public_record) from the sister-city list; call inside a transaction.

    One Agreement per Mexican party (municipality, or state for state-level rows) and matched PartnerCity:
    exact duplicates and name variants of the same partner ("Old Havana (Havana)" / "Havana – Old Havana")
    merge into the first row; their sources are all kept in source_detail.
    """
    report = RelationshipReport(read=len(rows))
    states = {s.code: s for s in State.objects.all()}
    municipalities = {m.cvegeo: m for m in Municipality.objects.all()}
    countries = {c.iso2: c for c in Country.objects.all()}
    cities = existing_partner_cities()
    index = CityIndex(geonames_cities(MATCH_MIN_POPULATION), [r.city_ref for r in rows])

    desired: dict[Hashable, Agreement] = {}
    first_row: dict[Hashable, SisterCityRow] = {}
    sources: dict[Hashable, set[str]] = {}
    for row in rows:
        municipality = None
        if row.state_level:
            state = states.get(row.mx_code)
            if state is None:
                report.left_out.append((row, f"state {row.mx_code} is not in the catalogue"))
                continue
        else:
            municipality = municipalities.get(row.mx_code)
            if municipality is None:
                report.left_out.append((row, f"municipality {row.mx_code} is not in the catalogue"))
                continue
            state = states[municipality.state_id]
            if None in (municipality.latitude, row.mx_lat):
                missing = "the catalogue" if municipality.latitude is None else "the list"
                report.unchecked.append((row, f"no coordinates in {missing}: the name match is unverified"))
            else:
                km = haversine_km(row.mx_lat, row.mx_lon, municipality.latitude, municipality.longitude)
                if km > MAX_MX_DISTANCE_KM:
                    report.left_out.append(
                        (
                            row,
                            f"municipality {municipality.name}, {state.name} ({municipality.cvegeo}) lies "
                            f"{km:,.0f} km from the list's coordinates for {row.mx_city!r} (over "
                            f"{MAX_MX_DISTANCE_KM:,.0f} km): wrong name match",
                        )
                    )
                    continue
        country = countries.get(row.partner_country)
        if country is None:
            report.left_out.append((row, f"country {row.partner_country} is not in the catalogue"))
            continue
        city_key = partner_city_key(row.city_ref, match_partner_city(index, row.city_ref))
        city = cities.get(city_key)
        if city is None:
            report.left_out.append(
                (row, "the partner city is not in the catalogue: run load_catalogs with this file first")
            )
            continue

        key = (state.code, municipality.cvegeo if municipality else None, city.pk)
        if key in desired:
            into = first_row[key]
            same = (into.partner_city, into.partner_country) == (row.partner_city, row.partner_country)
            why = "exact duplicate" if same else f"name variant of {into.partner_city!r} (same partner city)"
            report.merged.append((row, into, why))
            sources[key].add(row.source)
            continue
        party = municipality.name if municipality else state.name
        first_row[key], sources[key] = row, {row.source}
        desired[key] = Agreement(
            title=f"Hermanamiento {party}–{city.name}",
            type=Agreement.Type.HERMANAMIENTO,
            status=Agreement.Status.DESCONOCIDO,
            level=Agreement.Level.ESTADO if municipality is None else Agreement.Level.MUNICIPIO,
            state=state,
            municipality=municipality,
            counterpart_name=city.name,
            counterpart_level=counterpart_level_of(city.name),
            partner_city=city,
            country=country,
            source=Agreement.Source.PUBLIC_RECORD,
            signed_on=None,
            valid_from=None,
            valid_until=None,
        )
    for key, agreement in desired.items():
        agreement.source_detail = "; ".join(sorted(sources[key]))[:200]

    existing = {
        (a.state_id, a.municipality_id, a.partner_city_id): a
        for a in Agreement.objects.filter(source=Agreement.Source.PUBLIC_RECORD)
    }
    report.result = sync_rows(
        Agreement,
        desired,
        existing,
        AGREEMENT_FIELDS,
        label="Known relationships",
        touch=lambda a: setattr(a, "updated_at", timezone.now()),
    )
    return report


# --- Demo accounts ------------------------------------------------------------------------------------

DEMO_DOMAIN = "demo.ciberparadiplomacia.mx"


@dataclass(frozen=True)
class DemoAccount:
    email: str
    first_name: str
    last_name: str
    description: str
    municipality: str | None = None  # cvegeo: Membership role titular
    sre_role: str = User.SreRole.NONE
    is_staff: bool = False


DEMO_ACCOUNTS = (
    DemoAccount(
        f"oaxaca@{DEMO_DOMAIN}", "Enlace", "Oaxaca de Juárez", "titular, Oaxaca de Juárez (20067)", "20067"
    ),
    DemoAccount(
        f"guadalajara@{DEMO_DOMAIN}", "Enlace", "Guadalajara", "titular, Guadalajara (14039)", "14039"
    ),
    DemoAccount(f"revisor@{DEMO_DOMAIN}", "Revisor", "SRE", "SRE reviewer", sre_role=User.SreRole.REVIEWER),
    DemoAccount(
        f"admin@{DEMO_DOMAIN}",
        "Administrador",
        "SRE",
        "SRE administrator, Django admin",
        sre_role=User.SreRole.ADMIN,
        is_staff=True,
    ),
)
CREDENTIALS_HEADER = (
    "# Ciberparadiplomacia demo accounts, written by `manage.py load_demo`. Keep this file private.\n"
    "# e-mail  password  [totp=<secret for an authenticator app>]  role\n"
)


def credentials_path() -> Path:
    return Path(settings.DEMO_CREDENTIALS_FILE)


def read_credentials(path: Path) -> dict[str, str]:
    """e-mail -> password, from the credentials file ({} when there is none)."""
    return {email: password for email, (password, _totp) in _credential_lines(path).items()}


def read_totp_secrets(path: Path) -> dict[str, str]:
    """e-mail -> TOTP secret of the SRE demo accounts (two-factor is mandatory for SRE staff)."""
    return {email: totp for email, (_password, totp) in _credential_lines(path).items() if totp}


def _credential_lines(path: Path) -> dict[str, tuple[str, str]]:
    if not path.exists():
        return {}
    entries = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 2 and not line.startswith("#"):
            totp = next((p.removeprefix("totp=") for p in parts[2:] if p.startswith("totp=")), "")
            entries[parts[0]] = (parts[1], totp)
    return entries


def write_credentials(path: Path, entries: dict[str, str], totp: dict[str, str] | None = None) -> None:
    """Only the owner may read it: the file holds working passwords."""
    path.parent.mkdir(parents=True, exist_ok=True)
    described = {a.email: a.description for a in DEMO_ACCOUNTS}
    totp = totp or {}
    width = max(len(e) for e in entries) if entries else 0
    columns = (
        [f"{e:<{width}}", p, f"totp={totp[e]}" if e in totp else "", described.get(e)]
        for e, p in entries.items()
    )
    lines = ["  ".join(filter(None, row)) for row in columns]
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(CREDENTIALS_HEADER + "\n".join(lines) + "\n")
    path.chmod(0o600)  # O_CREAT's mode does not apply to a file that already existed


def new_password(user: User) -> str:
    while True:
        password = secrets.token_urlsafe(15)  # 20 characters, about 120 bits
        try:
            validate_password(password, user)
        except ValidationError:  # vanishingly rare (e.g. too similar to the e-mail): draw again
            continue
        return password


@dataclass
class AccountsReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    passwords_reset: list[str] = field(default_factory=list)
    new_credentials: dict[str, str] = field(default_factory=dict)  # printed once
    new_totp: dict[str, str] = field(default_factory=dict)  # TOTP secrets of SRE accounts, printed once
    warnings: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.passwords_reset)


class DemoAccountError(Exception):
    pass


def ensure_demo_accounts(*, reset_passwords: bool = False, reset_command: str = "") -> AccountsReport:
    """Create or repair the demo accounts; call inside a transaction.

    Existing accounts keep their passwords (the credentials file is the record) unless reset_passwords.
    The credentials file is rewritten only when a password was generated.
    """
    report = AccountsReport()
    path = credentials_path()
    on_file = read_credentials(path)
    totp_on_file = read_totp_secrets(path)
    file_changed = False
    for account in DEMO_ACCOUNTS:
        user = User.objects.filter(email=account.email).first()
        changes: list[str] = []
        if user is not None and not user.is_demo:
            raise DemoAccountError(
                f"{account.email} exists and is not a demo account (is_demo is off): refusing to touch it"
            )
        wanted = {
            "first_name": account.first_name,
            "last_name": account.last_name,
            "is_demo": True,
            "is_active": True,
            "sre_role": account.sre_role,
            "is_staff": account.is_staff,
            # The demo SRE administrator runs the Django admin too: every model, no permission set-up.
            "is_superuser": account.sre_role == User.SreRole.ADMIN,
        }
        if user is None:
            user = User(email=account.email, **wanted)
            password = new_password(user)
            user.set_password(password)
            user.save()
            report.created.append(account.email)
            report.new_credentials[account.email] = password
            on_file[account.email] = password
            file_changed = True
        else:
            changes = [name for name, value in wanted.items() if getattr(user, name) != value]
            for name in changes:
                setattr(user, name, wanted[name])
            if reset_passwords:
                password = new_password(user)
                user.set_password(password)
                report.passwords_reset.append(account.email)
                report.new_credentials[account.email] = password
                on_file[account.email] = password
                file_changed = True
            elif account.email not in on_file or not user.check_password(on_file[account.email]):
                report.warnings.append(
                    f"{account.email} exists but its password is not in {path}: it was kept. "
                    f"To generate new passwords for every demo account, run: {reset_command}"
                )
            if changes or reset_passwords:
                user.save()

        # allauth lets only verified addresses log in (ACCOUNT_EMAIL_VERIFICATION = "mandatory").
        address = EmailAddress.objects.filter(user=user, email__iexact=account.email).first()
        if address is None:
            EmailAddress.objects.filter(user=user, primary=True).update(primary=False)
            EmailAddress.objects.create(user=user, email=account.email, verified=True, primary=True)
            changes.append("verified e-mail")
        elif not (address.verified and address.primary):
            EmailAddress.objects.filter(user=user, primary=True).exclude(pk=address.pk).update(primary=False)
            address.verified = address.primary = True
            address.save(update_fields=["verified", "primary"])
            changes.append("verified e-mail")

        if account.municipality:
            membership = Membership.objects.filter(user=user, municipality_id=account.municipality).first()
            if membership is None:
                if not Municipality.objects.filter(cvegeo=account.municipality).exists():
                    raise DemoAccountError(f"municipality {account.municipality} is not in the catalogue")
                Membership.objects.create(
                    user=user, municipality_id=account.municipality, role=Membership.Role.TITULAR
                )
                changes.append("membership")
            elif membership.role != Membership.Role.TITULAR:
                membership.role = Membership.Role.TITULAR
                membership.save(update_fields=["role"])
                changes.append("membership role")

        # Two-factor is mandatory for SRE staff: their demo accounts come with a TOTP authenticator whose
        # secret is on file, so a person can add it to an app and the browser tests can compute codes.
        if account.sre_role:
            if not has_totp(user) or account.email in report.new_credentials:
                totp_on_file[account.email] = totp_enable_for_demo(user)
                report.new_totp[account.email] = totp_on_file[account.email]
                file_changed = True
                if account.email not in report.created:
                    changes.append("two-factor secret")
            elif account.email not in totp_on_file:
                report.warnings.append(
                    f"{account.email} has two-factor authentication but its secret is not in {path}: it "
                    "was kept. To generate new passwords and secrets for every demo account, run: "
                    f"{reset_command}"
                )

        if account.email in report.created:
            continue
        if changes:
            report.updated.append(f"{account.email} ({', '.join(changes)})")
        elif account.email not in report.passwords_reset:
            report.unchanged.append(account.email)

    if file_changed:
        ordered = {a.email: on_file[a.email] for a in DEMO_ACCOUNTS if a.email in on_file}
        write_credentials(path, ordered, totp_on_file)
    return report
