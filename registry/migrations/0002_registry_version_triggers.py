"""The first RegistryVersion row, and the triggers that bump it on every write (see registry/triggers.py)."""

from django.db import migrations


def create_row_and_triggers(apps, schema_editor):
    RegistryVersion = apps.get_model("registry", "RegistryVersion")
    RegistryVersion.objects.using(schema_editor.connection.alias).get_or_create(pk=1)
    from registry import triggers

    triggers.install(schema_editor.connection.alias)


def drop_triggers(apps, schema_editor):
    from registry import triggers

    triggers.uninstall(schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0001_registry_version_and_search_document"),
        ("municipalities", "0001_initial"),
        ("partners", "0001_initial"),
    ]
    operations = [migrations.RunPython(create_row_and_triggers, drop_triggers)]
