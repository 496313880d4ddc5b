"""MunicipalityProfile and MunicipalityPhoto now belong to the showcase app: state only, the tables stay."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("municipalities", "0003_municipality_photos"),
        ("showcase", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="MunicipalityPhoto"),
                migrations.DeleteModel(name="MunicipalityProfile"),
            ],
            database_operations=[],
        ),
    ]
