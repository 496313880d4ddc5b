"""The demo accounts of a demo installation (`manage.py load_demo`), and the flag behind the site-wide banner
that says an installation has them."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from accounts.models import Membership, User
from accounts.selectors import has_totp
from accounts.services import totp_enable_for_demo
from municipalities.models import Municipality

# The base template's demo banner reads this flag through the context processor; the registry's page cache
# keeps it beside each page so that a cached page never shows a banner the installation no longer needs.
DEMO_FLAG_CACHE_KEY = "site:demo-accounts-exist"


def demo_accounts_exist() -> bool:
    return User.objects.filter(is_demo=True).exists()


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
