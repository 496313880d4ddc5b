"""Fixtures shared by the whole suite.

Services: PostgreSQL and Redis come from DATABASE_URL / REDIS_URL (CI sets both). A test that needs a
service or Chromium and does not find it fails when CI is set; elsewhere it skips and says what is missing.
"""

import os
import shutil

import pytest

IN_CI = bool(os.environ.get("CI"))


def require(condition: bool, what: str) -> None:
    """Skip (outside CI) or fail (in CI) when a service or tool a test needs is absent."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"CI needs {what}, and it is not available.")
    pytest.skip(f"needs {what} (not available on this machine; CI provides it)")


CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The cache outlives a test's transaction: start each test with an empty one."""
    yield from _cleared_cache()


def clear_cache() -> None:
    """Empty this test process's cache. On Redis only this xdist worker's keys (its KEY_PREFIX): a FLUSHDB
    would wipe the other workers' caches in the middle of their tests."""
    from django.core.cache import cache

    if hasattr(cache, "delete_pattern"):
        cache.delete_pattern("*")
    else:
        cache.clear()


def _cleared_cache():
    clear_cache()
    yield
    clear_cache()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    require(
        os.path.exists(CHROMIUM) or bool(shutil.which("chromium")), "Debian's Chromium (/usr/bin/chromium)"
    )
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-quic",
            "--no-first-run",
        ],
    }


@pytest.fixture(autouse=True, scope="session")
def _allow_orm_next_to_playwright():
    """Playwright's sync API runs an event loop in the test thread, and Django then refuses ORM calls there
    (SynchronousOnlyOperation), including the flush after a live_server test. Allowed in tests only."""
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    yield


@pytest.fixture(autouse=True)
def _fresh_matchmaker_catalogue():
    """The matchmaker keeps its catalogue per process, keyed by the registry version; a rolled-back test
    brings old version numbers back with other rows behind them: never reuse another test's catalogue."""
    from matchmaking import scoring as matchmaking

    matchmaking.forget_catalogue()
    yield
    matchmaking.forget_catalogue()


@pytest.fixture(autouse=True)
def _fresh_registry_catalogues():
    """The registry's catalogues (states, municipalities, countries, regions) are kept per process and
    registry version; like the matchmaker's, they must not outlive a rolled-back test."""
    from registry.catalogs import forget_catalogs

    forget_catalogs()
    yield
    forget_catalogs()


@pytest.fixture(autouse=True)
def _default_language():
    """A request to /en/… (or the API with Accept-Language: en) leaves English active in the thread that
    served it: every test starts and ends in the default language."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


def _configured_vendor() -> str:
    from django.db import connections

    return connections["default"].vendor


def pytest_collection_modifyitems(config, items):
    """Tests marked `postgresql` exercise PostgreSQL itself (row locks under concurrency, the full-text
    index, a worker process on the same database). On another backend they are deselected, not skipped: they
    belong to the PostgreSQL pass, which `.ci/run` always runs (DATABASE_URL=postgres://…)."""
    if _configured_vendor() == "postgresql":
        return
    selected, deselected = [], []
    for item in items:
        (deselected if item.get_closest_marker("postgresql") else selected).append(item)
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = selected
        config._cpd_postgresql_deselected = len(deselected)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    count = getattr(config, "_cpd_postgresql_deselected", 0)
    if count:
        terminalreporter.write_line(
            f"{count} PostgreSQL-only tests deselected: they run when DATABASE_URL points at PostgreSQL "
            "(the second pass of .ci/run)."
        )


@pytest.fixture(autouse=True, scope="session")
def _live_server_threads_leave_the_shared_sqlite_connection_alone():
    """On SQLite the live server's request threads borrow the test thread's in-memory connection. A request
    still running when its test has moved on (a browser's background fetch) then tries to close that
    connection from its own thread, and Django refuses with a DatabaseError that pytest reports as an
    unhandled thread exception — dozens of alarming but harmless tracebacks per run. The connection belongs
    to the test thread, which closes it; a request thread has nothing to close, so that one error is skipped.
    Any other error still surfaces."""
    from django.core.servers.basehttp import ThreadedWSGIServer
    from django.db import DatabaseError

    close_connections = ThreadedWSGIServer._close_connections

    def close_own_connections(self):
        try:
            close_connections(self)
        except DatabaseError as error:
            if "can only be used in that same thread" not in str(error):
                raise

    ThreadedWSGIServer._close_connections = close_own_connections
    yield
    ThreadedWSGIServer._close_connections = close_connections
