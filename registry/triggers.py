"""Database triggers that bump RegistryVersion on every write to a table the public registry shows.

Why triggers and not Django signals: bulk_create(), QuerySet.update()/delete(), loaddata and raw SQL send no
signals, and the catalogue and demo loaders use them. A trigger sees every write, whoever makes it. The
counter row is updated inside the writing transaction, so a reader sees the new number only together with the
new data (MVCC): a cache entry is never keyed by a version whose data it does not contain.
"""

from django.db import connections

from .models import RegistryVersion

VERSION_TABLE = RegistryVersion._meta.db_table

# Every table whose rows appear on a registry page, in a statistic or in the API.
WATCHED_TABLES = [
    "agreements_agreement",
    "agreements_agreement_themes",
    "agreements_theme",
    "municipalities_state",
    "municipalities_municipality",
    "partners_region",
    "partners_country",
    "partners_partnercity",
    "registry_searchdocument",
]

POSTGRES_FUNCTION = f"""
CREATE OR REPLACE FUNCTION registry_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE {VERSION_TABLE} SET number = number + 1;
    RETURN NULL;
END
$$;
"""


def _postgres_statements() -> list[str]:
    statements = [POSTGRES_FUNCTION]
    for table in WATCHED_TABLES:
        # One bump per statement (not per row): a bulk load of 100,000 rows bumps once.
        statements.append(
            f"CREATE OR REPLACE TRIGGER registry_version_bump AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
            f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION registry_version_bump();"
        )
    return statements


def _sqlite_statements() -> list[str]:
    # SQLite has row triggers only; one UPDATE of a one-row table per written row is cheap there.
    return [
        f"CREATE TRIGGER IF NOT EXISTS registry_version_bump_{table}_{event.lower()} "
        f"AFTER {event} ON {table} BEGIN UPDATE {VERSION_TABLE} SET number = number + 1; END;"
        for table in WATCHED_TABLES
        for event in ("INSERT", "UPDATE", "DELETE")
    ]


def install(using: str = "default") -> None:
    connection = connections[using]
    existing = set(connection.introspection.table_names())
    if VERSION_TABLE not in existing or not set(WATCHED_TABLES) <= existing:
        return  # an earlier migration state: the migration or the next post_migrate installs them
    if connection.vendor == "postgresql":
        statements = _postgres_statements()
    elif connection.vendor == "sqlite":
        statements = _sqlite_statements()
    else:
        return
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def install_after_migrate(sender, using: str = "default", **kwargs) -> None:
    if sender.name == "registry":
        install(using)


def uninstall(using: str = "default") -> None:
    connection = connections[using]
    with connection.cursor() as cursor:
        for table in WATCHED_TABLES:
            if connection.vendor == "postgresql":
                cursor.execute(f"DROP TRIGGER IF EXISTS registry_version_bump ON {table};")
            elif connection.vendor == "sqlite":
                for event in ("insert", "update", "delete"):
                    cursor.execute(f"DROP TRIGGER IF EXISTS registry_version_bump_{table}_{event};")
        if connection.vendor == "postgresql":
            cursor.execute("DROP FUNCTION IF EXISTS registry_version_bump();")
