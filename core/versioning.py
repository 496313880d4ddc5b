"""The registry version and the cache built on it.

Every write to a registry table bumps RegistryVersion.number in the database (registry/triggers.py).
Cache keys carry "<epoch>:<number>", so a write makes every cached page and statistic a miss at once, with
nothing to delete; old entries expire on their own. The version costs one primary-key query per request.
"""

import hashlib
from collections.abc import Callable
from threading import Lock
from typing import Any, Generic, TypeVar

from django.core.cache import cache
from django.db import IntegrityError, connection, transaction
from django.http import HttpRequest

from core.models import RegistryVersion

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


def bump() -> None:
    """Retire every cached entry now: for a write the triggers do not see (registry/triggers.py)."""
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {RegistryVersion._meta.db_table} SET number = number + 1 WHERE id = 1")


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


class PerVersion(Generic[T]):
    """One copy of what `load(version)` returns, per process, replaced when the version changes.

    For the catalogues read on nearly every request: unpickling ~2,500 municipalities from Redis each time
    would cost more than keeping them here, and a write to their tables bumps the version, which retires
    the copy.
    """

    def __init__(self, load: Callable[[str], T]):
        self._load = load
        self._memo: dict[str, T] = {}
        self._lock = Lock()

    def get(self, version: str) -> T:
        found = self._memo.get(version)
        if found is None:
            found = self._load(version)
            with self._lock:
                self._memo.clear()
                self._memo[version] = found
        return found

    def for_request(self, request: HttpRequest) -> T:
        return self.get(request_version(request))

    def forget(self) -> None:
        """For tests: a rolled-back test transaction can bring an old version number back."""
        with self._lock:
            self._memo.clear()
