"""Operations for migrations that move a model from one app to another without touching its table.

A moved model keeps its `db_table`, so only Django's state changes: the new app creates the model in state
only, the old app deletes it in state only (`SeparateDatabaseAndState`), and the content types (with the
permissions that point at them) follow the model, so nothing granted on it is lost.
"""

from django.db import migrations


def move_content_types(old_app: str, new_app: str, models: list[str]) -> migrations.RunPython:
    def forward(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        taken = set(ContentType.objects.filter(app_label=new_app).values_list("model", flat=True))
        ContentType.objects.filter(app_label=old_app, model__in=set(models) - taken).update(app_label=new_app)

    def backward(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        ContentType.objects.filter(app_label=new_app, model__in=models).update(app_label=old_app)

    return migrations.RunPython(forward, backward, elidable=False)
