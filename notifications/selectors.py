"""Reads for notifications. The header's unread count comes from the cache, never from a query."""

from __future__ import annotations

from django.core.cache import cache
from django.db.models import QuerySet

from notifications.models import Notification, NotificationPreference

UNREAD_TTL = 24 * 60 * 60


def _key(user_id: int) -> str:
    return f"notifications:unread:{user_id}"


def unread_count_store(user_id: int, count: int) -> None:
    cache.set(_key(user_id), count, UNREAD_TTL)


def unread_count_cached(user_id: int) -> int | None:
    """The cached count, or None when the cache does not have it (the page's script then asks for it)."""
    return cache.get(_key(user_id))


def unread_count(user) -> int:
    """Counted in the database, and cached for the header."""
    count = Notification.objects.filter(recipient=user, read_at__isnull=True).count()
    unread_count_store(user.pk, count)
    return count


def notifications_for_user(user) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-pk")


def preferences_for(user) -> NotificationPreference:
    """The saved preferences, or the defaults (unsaved) when the person never changed them."""
    return NotificationPreference.objects.filter(user=user).first() or NotificationPreference(user=user)
