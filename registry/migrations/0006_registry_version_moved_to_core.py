"""RegistryVersion now belongs to the core app: state only, the table stays."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0005_search_vector_column"),
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="RegistryVersion"),
            ],
            database_operations=[],
        ),
    ]
