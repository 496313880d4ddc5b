from django.db import models
from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement
from core.models import new_epoch  # noqa: F401  (migration registry 0001 names registry.models.new_epoch)


class SearchDocument(models.Model):
    """The searchable text of one agreement: its title, both parties, counterpart, country and themes.

    Lowercase and without accents, so that SQLite can match it with LIKE; on PostgreSQL a GIN index over
    to_tsvector('registry_es', text) (Spanish stemming + unaccent) serves the full-text search.
    Written only by services.search_documents_refresh().
    """

    agreement = models.OneToOneField(
        Agreement, primary_key=True, on_delete=models.CASCADE, related_name="search_document"
    )
    text = models.TextField()

    class Meta:
        verbose_name = _("texto de búsqueda")
        verbose_name_plural = _("textos de búsqueda")

    def __str__(self) -> str:
        return self.text[:80]
