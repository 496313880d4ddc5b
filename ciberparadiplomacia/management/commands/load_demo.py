"""Demo content: known relationships from Wikipedia's sister-city lists, and four demo accounts.

Needs the catalogues (`manage.py load_catalogs`). Checks the whole input before writing, writes in one
transaction, and a second run changes nothing. Generated passwords are printed once and kept in
settings.DEMO_CREDENTIALS_FILE (mode 600, git-ignored); `--print-credentials` shows that file.
`--no-accounts` loads the known relationships only: what a production registry wants, without demo accounts
(and so without the "Instalación de demostración" banner).
"""

from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.demo import DEMO_FLAG_CACHE_KEY, DemoAccountError, credentials_path, ensure_demo_accounts
from agreements.domain.public_records import SISTER_CITIES_CSV, load_known_relationships, read_sister_cities
from core.loading import DataFileError, Stages, plural
from municipalities.models import Municipality, State
from partners.models import Country, PartnerCity

RESET_COMMAND = "python manage.py load_demo --reset-passwords"


class Command(BaseCommand):
    help = (
        "Load the demo content: known sister-city relationships (source public_record, from "
        "agreements/data/mx_sister_cities.csv) and the demo accounts (two municipal officials, an SRE "
        "reviewer, an SRE administrator). Needs load_catalogs first. Idempotent; one transaction."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--sister-cities-csv", default=str(SISTER_CITIES_CSV), metavar="PATH", help="sister-city list"
        )
        parser.add_argument(
            "--print-credentials",
            action="store_true",
            help=f"only print the demo credentials file ({credentials_path()}) and stop",
        )
        parser.add_argument(
            "--no-accounts",
            action="store_true",
            help="load only the known relationships, no demo accounts (for a production registry)",
        )
        parser.add_argument(
            "--reset-passwords",
            action="store_true",
            help="generate new passwords for every demo account and rewrite the credentials file",
        )

    def handle(self, *args, **options):
        if options["print_credentials"]:
            self.print_credentials()
            return
        missing = [
            label
            for label, model in (
                ("states", State),
                ("municipalities", Municipality),
                ("countries", Country),
                ("partner cities", PartnerCity),
            )
            if not model.objects.exists()
        ]
        if missing:
            raise CommandError(
                f"The catalogues are not loaded (no {', no '.join(missing)} in the database). "
                "Run `python manage.py load_catalogs` first."
            )

        stages = Stages(self.stdout.write)
        path = options["sister_cities_csv"]
        try:
            rows = read_sister_cities(path)
        except DataFileError as exc:
            raise CommandError(f"Nothing was loaded. {exc}") from exc
        stages.done(f"Read {path}: {plural(len(rows), 'row')}")

        try:
            with transaction.atomic():
                relationships = load_known_relationships(rows)
                stages.done("Wrote the known relationships")
                accounts = None
                if not options["no_accounts"]:
                    accounts = ensure_demo_accounts(
                        reset_passwords=options["reset_passwords"], reset_command=RESET_COMMAND
                    )
                    stages.done("Checked the demo accounts")
        except DemoAccountError as exc:
            raise CommandError(f"Nothing was loaded. {exc}") from exc
        # The site-wide "Instalación de demostración" banner reads a cached flag: show it at once.
        cache.delete(DEMO_FLAG_CACHE_KEY)

        self.report(path, relationships, accounts)
        if relationships.result.changed or (accounts and accounts.changed):
            self.stdout.write(self.style.SUCCESS("The database was updated."))
        else:
            self.stdout.write(
                self.style.SUCCESS("Nothing changed: the database already had this demo content.")
            )
        self.stdout.write(f"Done in {stages.elapsed:.1f} s.")

    def report(self, path, relationships, accounts) -> None:
        write = self.stdout.write
        result = relationships.result
        merged, left_out = relationships.merged, relationships.left_out
        write("")
        write("Summary")
        write(f"  Known relationships: {plural(relationships.read, 'row')} read from {path}")
        write(
            f"    loaded: {result.created + result.updated + result.unchanged:,} agreements "
            f"({result.created:,} created, {result.updated:,} updated, {result.unchanged:,} unchanged)"
        )
        if result.kept:
            write(
                f"    {result.kept:,} known relationships already in the database are not in this file: kept"
            )
        write(
            f"    merged: {plural(len(merged), 'row')} into an earlier row for the same Mexican party and "
            f"partner city ({relationships.exact_duplicates:,} exact duplicates, "
            f"{len(merged) - relationships.exact_duplicates:,} name variants):"
        )
        for row, into, why in merged:
            write(f"      - row {row.row} {row.describe()} -> row {into.row}: {why}")
        write(f"    left out: {plural(len(left_out), 'row')}:")
        for row, reason in left_out:
            write(f"      - row {row.row} {row.describe()}: {reason}")
        if relationships.unchecked:
            write(f"    loaded without the distance check: {plural(len(relationships.unchecked), 'row')}:")
            for row, reason in relationships.unchecked:
                write(f"      - row {row.row} {row.describe()}: {reason}")

        if accounts is None:
            write("  Demo accounts: not touched (--no-accounts)")
            return
        write(
            f"  Demo accounts: {len(accounts.created)} created, {len(accounts.updated)} updated, "
            f"{len(accounts.unchanged)} unchanged, {len(accounts.passwords_reset)} with new passwords"
        )
        for line in accounts.updated:
            write(f"    - updated {line}")
        for warning in accounts.warnings:
            self.stderr.write(self.style.WARNING(f"  Warning: {warning}"))
        if accounts.new_credentials:
            write("")
            write(f"New demo passwords (shown once; also written to {credentials_path()}):")
            width = max(len(e) for e in accounts.new_credentials)
            for email, password in accounts.new_credentials.items():
                write(f"  {email:<{width}}  {password}")
        if accounts.new_totp:
            write("")
            write(
                "Two-factor is mandatory for SRE staff: add these secrets to an authenticator app "
                "(TOTP, 6 digits, 30 s) to log in as the demo SRE accounts:"
            )
            width = max(len(e) for e in accounts.new_totp)
            for email, secret in accounts.new_totp.items():
                write(f"  {email:<{width}}  {secret}")

    def print_credentials(self) -> None:
        path = credentials_path()
        if not path.exists():
            self.stderr.write(
                f"No demo credentials file at {path}. Run `python manage.py load_demo` to create the demo "
                f"accounts, or `{RESET_COMMAND}` if they exist already."
            )
            return
        self.stdout.write(f"Demo logins (from {path}):")
        self.stdout.write(path.read_text(encoding="utf-8").rstrip("\n"))
