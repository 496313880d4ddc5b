"""Boxes (forms.BooleanField) were stored as the strings a browser or a form sent: "on"/"True" when ticked,
"False" (or "") when not, and "False" read as true everywhere (issue 13). Store them as JSON booleans, in the
working files' answers and in the review rounds' copies of them (the SRE's diff compares rounds).

The (step, field) pairs are copied here on purpose, not read from the step classes: a migration must keep
running as it ran, whatever the steps become. They are every BooleanField the step classes declared when this
migration was written (agreements/steps/text.py: TextForm.comite and TextForm.garantias_art8);
tests/agreements/test_answers_integrity.py checks the list against the steps' declarations.
"""

from django.db import migrations

BOOLEAN_ANSWERS = (
    ("texto", "comite"),
    ("texto", "garantias_art8"),
)
TICKED = {"on", "true", "1"}  # what a ticked box was stored as; anything else ("False", "false", "") was not


def as_boolean(value):
    if isinstance(value, str):
        return value.strip().lower() in TICKED
    return value  # already a boolean (or None: never answered)


def converted(answers):
    """The answers with every box as a boolean, or None when nothing changes."""
    if not isinstance(answers, dict):
        return None
    changed = False
    result = dict(answers)
    for step, name in BOOLEAN_ANSWERS:
        values = result.get(step)
        if not isinstance(values, dict) or not isinstance(values.get(name), str):
            continue
        result[step] = {**values, name: as_boolean(values[name])}
        changed = True
    return result if changed else None


def forwards(apps, schema_editor):
    for model_name in ("WorkingFile", "ReviewRound"):
        model = apps.get_model("agreements", model_name)
        for pk, answers in model.objects.values_list("pk", "answers").iterator():
            new = converted(answers)
            if new is not None:
                model.objects.filter(pk=pk).update(answers=new)


class Migration(migrations.Migration):
    dependencies = [("agreements", "0006_private_storage_callable")]

    # Backwards: booleans are what the code after this migration writes; the code before read them well
    # enough (bool(False) is False), so nothing needs undoing.
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=True)]
