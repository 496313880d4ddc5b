from django.conf import settings
from django.core.cache import cache
from django.urls import translate_url

from accounts.demo import DEMO_FLAG_CACHE_KEY, demo_accounts_exist
from ciberparadiplomacia.navigation import main_nav


def site(request) -> dict:
    """What the base template needs on every page: the language switch and the demo banner."""
    current = request.get_full_path()
    switch = []
    for code, name in settings.LANGUAGES:
        # translate_url keeps the path and the query string; it only swaps the language prefix.
        switch.append({"code": code, "name": name, "url": translate_url(current, code)})
    demo = cache.get(DEMO_FLAG_CACHE_KEY)
    if demo is None:
        demo = demo_accounts_exist()
        cache.set(DEMO_FLAG_CACHE_KEY, demo, 300)
    return {"language_switch": switch, "demo_installation": demo, "main_nav": main_nav(request)}
