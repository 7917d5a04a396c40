"""Local development: DEBUG on, SQLite under var/, emails printed to the console."""

import os

from .base import *  # noqa: F403
from .base import env_bool, env_list

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-insecure-key-never-used-in-production"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")

# Tasks run at once, in the process that enqueues them: no worker to start. `make serve` runs the real one.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# DEVELOPMENT ONLY: the demo accounts of load_initial_data may skip two-factor sign-in (they say so when signed
# in). Never honoured where DEMO_ACCOUNTS_ALLOWED is False; real accounts always need it.
TWO_FACTOR_DEMO_ACCOUNTS_EXEMPT = True

# Say whether a page came from the page cache (X-Cache: hit or miss), to see it work.
PAGE_CACHE_HEADER = env_bool("PAGE_CACHE_HEADER", True)
