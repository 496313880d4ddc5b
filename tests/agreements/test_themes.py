import pytest
from django.core.management import call_command

from agreements.models import Theme


@pytest.mark.django_db(transaction=True)
def test_themes_survive_a_flush():
    """Transactional tests flush every table between tests; the fixed vocabulary must come back."""
    call_command("flush", interactive=False, verbosity=0)
    assert sorted(Theme.objects.values_list("code", flat=True)) == sorted(Theme.Code.values)
