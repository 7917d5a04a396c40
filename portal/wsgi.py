"""WSGI entry point; production settings unless DJANGO_SETTINGS_MODULE says otherwise."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")

application = get_wsgi_application()

# Django, Wagtail and the apps' modules live as long as the process: take them out of the cyclic garbage
# collector's sight, so that its full collections do not walk them. Otherwise about one library search in twenty
# paid a 100 ms pause for one (bench_resources). Also lets forked workers share these pages of memory.
gc.freeze()
