"""Database triggers that bump RegistryVersion on every write to a table the public registry shows, and that
retire an agreement's search document whenever the agreement or its themes change.

Why triggers and not Django signals: bulk_create(), QuerySet.update()/delete(), loaddata and raw SQL send no
signals, and the catalogue and demo loaders use them. A trigger sees every write, whoever makes it. The
counter row is updated inside the writing transaction, so a reader sees the new number only together with the
new data (MVCC): a cache entry is never keyed by a version whose data it does not contain.

The same reasoning keeps the search documents honest without Django signals (STYLE.md: writes are explicit,
never hidden in signals): a write to an agreement or to its themes deletes its document in the same
transaction, and the next search writes the missing ones (selectors.search_documents_ensure, once per
registry version). So the admin, the inscription service, a bulk update() and raw SQL are all covered.
"""

from django.db import connections

from core.models import RegistryVersion

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
]
# Watched once, no longer: a search document is only ever written to match the agreement it describes (the
# triggers below retire it on every change, which bumps the version already), so writing it back must not
# retire every cached page a second time. `install` drops the old trigger; a full reindex bumps the version
# itself (services.search_documents_refresh).
RETIRED_WATCHES = ["registry_searchdocument"]

POSTGRES_FUNCTION = f"""
CREATE OR REPLACE FUNCTION registry_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE {VERSION_TABLE} SET number = number + 1;
    RETURN NULL;
END
$$;
"""


# (table, column holding the agreement's id) whose writes make an agreement's search document stale.
SEARCH_SOURCES = [("agreements_agreement", "id"), ("agreements_agreement_themes", "agreement_id")]
SEARCH_TABLE = "registry_searchdocument"

POSTGRES_SEARCH_FUNCTIONS = [
    f"""
CREATE OR REPLACE FUNCTION registry_search_stale_{table}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        DELETE FROM {SEARCH_TABLE} WHERE agreement_id = OLD.{column};
    END IF;
    IF TG_OP <> 'DELETE' THEN
        DELETE FROM {SEARCH_TABLE} WHERE agreement_id = NEW.{column};
    END IF;
    RETURN NULL;
END
$$;
"""
    for table, column in SEARCH_SOURCES
]


def _postgres_search_statements() -> list[str]:
    statements = list(POSTGRES_SEARCH_FUNCTIONS)
    for table, _column in SEARCH_SOURCES:
        # Row triggers: a statement trigger would not know which agreements changed.
        statements.append(
            f"CREATE OR REPLACE TRIGGER registry_search_stale AFTER INSERT OR UPDATE OR DELETE "
            f"ON {table} FOR EACH ROW EXECUTE FUNCTION registry_search_stale_{table}();"
        )
    return statements


def _sqlite_search_statements() -> list[str]:
    statements = []
    for table, column in SEARCH_SOURCES:
        for event, rows in (("INSERT", ["NEW"]), ("UPDATE", ["OLD", "NEW"]), ("DELETE", ["OLD"])):
            deletes = " ".join(
                f"DELETE FROM {SEARCH_TABLE} WHERE agreement_id = {row}.{column};" for row in rows
            )
            statements.append(
                f"CREATE TRIGGER IF NOT EXISTS registry_search_stale_{table}_{event.lower()} "
                f"AFTER {event} ON {table} BEGIN {deletes} END;"
            )
    return statements


def _postgres_statements() -> list[str]:
    statements = [POSTGRES_FUNCTION, *_postgres_search_statements()]
    for table in WATCHED_TABLES:
        # One bump per statement (not per row): a bulk load of 100,000 rows bumps once.
        statements.append(
            f"CREATE OR REPLACE TRIGGER registry_version_bump AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
            f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION registry_version_bump();"
        )
    return statements


def _sqlite_statements() -> list[str]:
    # SQLite has row triggers only; one UPDATE of a one-row table per written row is cheap there.
    return _sqlite_search_statements() + [
        f"CREATE TRIGGER IF NOT EXISTS registry_version_bump_{table}_{event.lower()} "
        f"AFTER {event} ON {table} BEGIN UPDATE {VERSION_TABLE} SET number = number + 1; END;"
        for table in WATCHED_TABLES
        for event in ("INSERT", "UPDATE", "DELETE")
    ]


def install(using: str = "default") -> None:
    connection = connections[using]
    existing = set(connection.introspection.table_names())
    if VERSION_TABLE not in existing or not {*WATCHED_TABLES, SEARCH_TABLE} <= existing:
        return  # an earlier migration state: the migration or the next post_migrate installs them
    if connection.vendor == "postgresql":
        statements = _postgres_statements()
    elif connection.vendor == "sqlite":
        statements = _sqlite_statements()
    else:
        return
    with connection.cursor() as cursor:
        _drop_version_triggers(cursor, connection.vendor, RETIRED_WATCHES)
        for statement in statements:
            cursor.execute(statement)


def install_after_migrate(sender, using: str = "default", **kwargs) -> None:
    if sender.name == "registry":
        install(using)


def _drop_version_triggers(cursor, vendor: str, tables: list[str]) -> None:
    for table in tables:
        if vendor == "postgresql":
            cursor.execute(f"DROP TRIGGER IF EXISTS registry_version_bump ON {table};")
        elif vendor == "sqlite":
            for event in ("insert", "update", "delete"):
                cursor.execute(f"DROP TRIGGER IF EXISTS registry_version_bump_{table}_{event};")


def uninstall(using: str = "default") -> None:
    connection = connections[using]
    with connection.cursor() as cursor:
        _drop_version_triggers(cursor, connection.vendor, WATCHED_TABLES + RETIRED_WATCHES)
        for table, _column in SEARCH_SOURCES:
            if connection.vendor == "postgresql":
                cursor.execute(f"DROP TRIGGER IF EXISTS registry_search_stale ON {table};")
                cursor.execute(f"DROP FUNCTION IF EXISTS registry_search_stale_{table}();")
            elif connection.vendor == "sqlite":
                for event in ("insert", "update", "delete"):
                    cursor.execute(f"DROP TRIGGER IF EXISTS registry_search_stale_{table}_{event};")
        if connection.vendor == "postgresql":
            cursor.execute("DROP FUNCTION IF EXISTS registry_version_bump();")
