"""Core holds no model of the domain; this one is infrastructure: the version of the public data that every
cache key carries (core/versioning.py)."""

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _


def new_epoch() -> str:
    return secrets.token_hex(8)


class RegistryVersion(models.Model):
    """A single row the database itself bumps on every write to the registry's tables (registry/triggers.py).

    Cached pages and statistics are keyed by (epoch, number): any write, from the admin, a service, a bulk
    loader or raw SQL, changes the number and so retires every cached entry at once. The epoch is new for each
    database (and after a flush), so a recreated database never meets the cache entries of an old one.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    epoch = models.CharField(max_length=32, default=new_epoch)
    number = models.BigIntegerField(default=0)

    class Meta:
        # Created by the registry app (migration registry 0001); core owns it since wave 2, same table.
        db_table = "registry_registryversion"
        verbose_name = _("versión del registro")
        verbose_name_plural = _("versiones del registro")

    def __str__(self) -> str:
        return f"{self.epoch}:{self.number}"
