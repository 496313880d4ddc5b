"""RegistryVersion moves here from the registry app: state only, same table (registry_registryversion)."""

from django.db import migrations, models

import core.models
from core.migration_ops import move_content_types


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("registry", "0005_search_vector_column"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="RegistryVersion",
                    fields=[
                        (
                            "id",
                            models.PositiveSmallIntegerField(default=1, primary_key=True, serialize=False),
                        ),
                        ("epoch", models.CharField(default=core.models.new_epoch, max_length=32)),
                        ("number", models.BigIntegerField(default=0)),
                    ],
                    options={
                        "db_table": "registry_registryversion",
                        "verbose_name": "versión del registro",
                        "verbose_name_plural": "versiones del registro",
                    },
                ),
            ],
            database_operations=[],
        ),
        move_content_types("registry", "core", ["registryversion"]),
    ]
