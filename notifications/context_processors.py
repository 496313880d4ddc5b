from notifications import selectors


def notifications(request) -> dict:
    """The header's unread count, from the cache only: pages cost no extra query. A callable, so it is read
    only where a template shows it; None (not cached) lets static/js/notifications.js fetch it from
    /api/notificaciones/sin-leer/."""

    def unread():
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        return selectors.unread_count_cached(user.pk)

    return {"notifications_unread": unread}
