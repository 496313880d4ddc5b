"""Settings for `make bench`: the real settings (DEBUG off, HTTPS off for local HTTP), plus a temporary
STATIC_ROOT for collectstatic. Everything else comes from the environment that bench/run.py sets."""

import os

from ciberparadiplomacia.settings import *  # noqa: F403

STATIC_ROOT = os.environ["BENCH_STATIC_ROOT"]

# wrk is one client hammering from one address. DRF's anonymous throttle keeps every request's time of the
# last period in one cache entry, so at thousands of requests a second it would measure that list's
# pickling, not the registry; in production (120/minute) the list holds at most 120 entries.
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": None}}  # noqa: F405
