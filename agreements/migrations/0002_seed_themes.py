from django.db import migrations

THEME_CODES = [
    "cultural",
    "economica",
    "turistica",
    "educativa",
    "cientifica",
    "ambiental",
    "salud",
    "deporte",
    "desarrollo_urbano",
    "seguridad",
    "gestion_municipal",
    "otra",
]


def seed_themes(apps, schema_editor):
    Theme = apps.get_model("agreements", "Theme")
    for code in THEME_CODES:
        Theme.objects.get_or_create(code=code)


class Migration(migrations.Migration):
    dependencies = [("agreements", "0001_initial")]
    operations = [migrations.RunPython(seed_themes, migrations.RunPython.noop)]
