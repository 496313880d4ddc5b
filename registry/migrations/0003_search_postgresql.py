"""Full-text search on PostgreSQL: Spanish stemming without accents, over an indexed expression.

PostgreSQL's unaccent() is not IMMUTABLE, so it cannot appear in an index expression by itself. A text-search
configuration that runs the unaccent dictionary before the Spanish stemmer can: to_tsvector() with a constant
configuration is immutable. So "cooperacion" and "cooperación" give the same lexeme, in the index and in the
query. SQLite needs none of this: documents are stored lowercase and unaccented and matched with LIKE.
"""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent;",
    """
    DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'registry_es') THEN
            CREATE TEXT SEARCH CONFIGURATION registry_es (COPY = pg_catalog.spanish);
            ALTER TEXT SEARCH CONFIGURATION registry_es
                ALTER MAPPING FOR hword, hword_part, word WITH unaccent, spanish_stem;
        END IF;
    END $$;
    """,
    "CREATE INDEX IF NOT EXISTS registry_searchdocument_fts ON registry_searchdocument "
    "USING gin (to_tsvector('registry_es'::regconfig, text));",
]
BACKWARD = [
    "DROP INDEX IF EXISTS registry_searchdocument_fts;",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS registry_es;",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in FORWARD:
        schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in BACKWARD:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("registry", "0002_registry_version_triggers")]
    operations = [migrations.RunPython(forward, backward)]
