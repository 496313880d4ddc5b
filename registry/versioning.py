"""The registry version and the cache built on it.

Every write to a registry table bumps RegistryVersion.number in the database (triggers.py). Cache keys carry
"<epoch>:<number>", so a write makes every cached page and statistic a miss at once, with nothing to delete;
old entries expire on their own. The version costs one primary-key query per request.
"""

import hashlib
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache import cache
from django.db import IntegrityError, connection, transaction
from django.http import HttpRequest

from .models import RegistryVersion

T = TypeVar("T")
CACHE_TIMEOUT = 60 * 60 * 24  # a bound on memory only: a registry write retires entries immediately


def current_version() -> str:
    # Plain SQL: this runs on every registry request, and the ORM's overhead is larger than the query's.
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT epoch, number FROM {RegistryVersion._meta.db_table} WHERE id = 1")
        row = cursor.fetchone()
    if row is None:  # a flushed database: start a new epoch
        try:
            with transaction.atomic():
                created = RegistryVersion.objects.create(pk=1)
            row = (created.epoch, created.number)
        except IntegrityError:  # created by a concurrent request meanwhile
            row = RegistryVersion.objects.filter(pk=1).values_list("epoch", "number").get()
    return f"{row[0]}:{row[1]}"


def request_version(request: HttpRequest) -> str:
    """The version read once per request, however many selectors ask for it."""
    version = getattr(request, "_registry_version", None)
    if version is None:
        version = current_version()
        request._registry_version = version  # type: ignore[attr-defined]
    return version


def cache_key(version: str, name: str, *parts: Any) -> str:
    digest = hashlib.sha1(repr(parts).encode(), usedforsecurity=False).hexdigest()
    return f"registry:{version}:{name}:{digest}"


def cached(version: str, name: str, parts: tuple, build: Callable[[], T]) -> T:
    """The cached value for (version, name, parts), built and stored on a miss (or when Redis is down)."""
    key = cache_key(version, name, *parts)
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, CACHE_TIMEOUT)
    return value
