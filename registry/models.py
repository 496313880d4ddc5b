import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement


def new_epoch() -> str:
    return secrets.token_hex(8)


class RegistryVersion(models.Model):
    """A single row the database itself bumps on every write to the registry's tables (see triggers.py).

    Cached pages and statistics are keyed by (epoch, number): any write, from the admin, a service, a bulk
    loader or raw SQL, changes the number and so retires every cached entry at once. The epoch is new for each
    database (and after a flush), so a recreated database never meets the cache entries of an old one.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    epoch = models.CharField(max_length=32, default=new_epoch)
    number = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("versión del registro")
        verbose_name_plural = _("versiones del registro")

    def __str__(self) -> str:
        return f"{self.epoch}:{self.number}"


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
