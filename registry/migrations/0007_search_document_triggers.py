"""Search documents are retired by database triggers instead of Django signals (see registry/triggers.py):
install them on an existing database. `install` is idempotent; post_migrate runs it again after every migrate."""

from django.db import migrations


def install_triggers(apps, schema_editor):
    from registry import triggers

    triggers.install(schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0006_registry_version_moved_to_core"),
        ("agreements", "0006_private_storage_callable"),
    ]
    # Going back leaves the triggers: they only delete documents that the next search writes again.
    operations = [migrations.RunPython(install_triggers, migrations.RunPython.noop)]
