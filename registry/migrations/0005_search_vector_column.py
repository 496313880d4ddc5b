"""PostgreSQL: keep each document's tsvector in a stored generated column, indexed, instead of an index on
the expression. The planner often walks the registry's order index and tests each row against the search:
with the expression, PostgreSQL re-parsed every document it met (~150 ms for a rare word over 100,000
agreements); with the stored vector, the test is a lookup. SQLite: nothing to do."""

from django.db import migrations

FORWARD = [
    "ALTER TABLE registry_searchdocument ADD COLUMN IF NOT EXISTS vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('registry_es'::regconfig, text)) STORED;",
    "CREATE INDEX IF NOT EXISTS registry_searchdocument_vector ON registry_searchdocument USING gin (vector);",
    "DROP INDEX IF EXISTS registry_searchdocument_fts;",
]
BACKWARD = [
    "CREATE INDEX IF NOT EXISTS registry_searchdocument_fts ON registry_searchdocument "
    "USING gin (to_tsvector('registry_es'::regconfig, text));",
    "DROP INDEX IF EXISTS registry_searchdocument_vector;",
    "ALTER TABLE registry_searchdocument DROP COLUMN IF EXISTS vector;",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in FORWARD:
            schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("registry", "0004_agreement_order_index")]
    operations = [migrations.RunPython(forward, backward)]
