"""An index in the registry's default order (newest signature first, undated last), so a page of results is
read in order from the index instead of sorting every matching row (PostgreSQL; on a 100,000-row registry
`?country=US` went from sorting ~30,000 rows per page to reading 50 index entries)."""

from django.db import migrations

FORWARD = (
    "CREATE INDEX IF NOT EXISTS registry_agreement_newest "
    "ON agreements_agreement (signed_on DESC NULLS LAST, title, id);"
)
BACKWARD = "DROP INDEX IF EXISTS registry_agreement_newest;"


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("registry", "0003_search_postgresql")]
    operations = [migrations.RunPython(forward, backward)]
