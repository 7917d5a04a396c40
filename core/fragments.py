"""Cross-request caches of public data that many pages show: the main menu, the site settings' footer and
helplines, reference vocabularies. Not whole pages (core.page_cache does those).

Every fragment's key carries one generation number, which moves on whenever a page, a page's view restriction, a
site, a site setting or a watched model (`watch`) is saved or deleted (and again when that change commits, as a
request in between could have cached what was there before). So no fragment outlives a change to what it was built
from, and a fragment must hold only what anyone may see: build it from `core.privacy.public` data, never from a
request's own.

The generation lives in the cache when the cache is shared (Redis). Without Redis each process has a cache of its
own, and a change made in one process (a page made private in the admin) must still reach every other process that
serves pages or runs tasks: then `FRAGMENTS_GENERATION_FILE` names a file all of them read (production settings set
it when `REDIS_URL` is not set). The fragments themselves stay in each process's memory, keyed by the generation.
"""

import os
import uuid
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

GENERATION_KEY = "core:fragments:generation"
TIMEOUT = 60 * 60  # a safety net: every change that matters moves the generation on


def generation(part=""):
    """The current generation of every fragment (None when it cannot be read: then nothing may be kept).

    `part` names a generation of its own, moved on by `move_on(part)` only: "search-index" says when Wagtail's
    search index was last written (core.keywords reads it), without rebuilding everything else.
    """
    if path := generation_file(part):
        return read_generation_file(path)
    key = f"{GENERATION_KEY}:{part}" if part else GENERATION_KEY
    value = cache.get(key)
    if value is None:
        cache.add(key, uuid.uuid4().hex, None)
        value = cache.get(key)
    return value


def move_on(part=""):
    """Forget every fragment (or, with `part`, what depends on that generation): the next request builds each one
    afresh."""
    if path := generation_file(part):
        write_generation_file(path)
    else:
        cache.set(f"{GENERATION_KEY}:{part}" if part else GENERATION_KEY, uuid.uuid4().hex, None)


def generation_file(part=""):
    path = getattr(settings, "FRAGMENTS_GENERATION_FILE", None)
    if not path:
        return None
    return Path(f"{path}-{part}") if part else Path(path)


def read_generation_file(path):
    """The generation kept in `path`, shared by every process on this machine (a new one if there is none yet)."""
    try:
        value = path.read_text().strip()
    except FileNotFoundError:
        value = ""
    except OSError:
        return None
    return value or write_generation_file(path)


def write_generation_file(path):
    """A new generation, written so that a reader sees the old value or the new one, never part of one."""
    value = uuid.uuid4().hex
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}")
        temporary.write_text(value)
        os.replace(temporary, path)
    except OSError:
        return None
    return value


class Batch:
    """Many fragments of one kind (`name`, then a part such as a page id), read in one round trip and stored in
    another, all under the generation current when the batch began (so nothing built from what was read before a
    change is stored under the generation after it)."""

    def __init__(self, name):
        self.prefix = ":".join(["core:fragments", str(generation()), name])

    def get(self, parts):
        """{part: fragment} for those of `parts` in the cache."""
        keys = {f"{self.prefix}:{part}": part for part in parts}
        return {keys[key]: value for key, value in cache.get_many(list(keys)).items()} if keys else {}

    def set(self, fragments):
        """Store {part: fragment}."""
        if fragments:
            cache.set_many({f"{self.prefix}:{part}": value for part, value in fragments.items()}, TIMEOUT)


def changed(part=""):
    move_on(part)
    transaction.on_commit(lambda: move_on(part))


SITE_WIDE_MODELS = (Page, PageViewRestriction, Site, BaseSiteSetting)


def cached(name, build, *parts):
    """The fragment called `name` (for `parts`, such as a site's id) from the cache, or built by `build()`."""
    batch, part = Batch(name), ":".join(map(str, parts))
    found = batch.get([part])
    if part in found:
        return found[part]
    value = build()
    batch.set({part: value})
    return value


_kept = {}  # name: (generation, value), this process's own


def kept(name, build):
    """The fragment called `name`, kept in this process's memory for the current generation: no round trip to the
    cache and no unpickling on each request (the view restrictions, read by every page, cost a millisecond each
    time from the cache). Only for values that nobody changes once built (tuples, frozen objects)."""
    current = generation()
    if current is None:
        return build()
    found = _kept.get(name)
    if found is not None and found[0] == current:
        return found[1]
    value = build()
    _kept[name] = (current, value)  # under the generation read before building, as `Batch` stores
    return value


WATCHED_MODELS = set()  # what else a fragment is built from: vocabularies and organisations (see `watch`)


def watch(*models):
    """Move the generation on whenever one of these models is saved or deleted too (the faceted searches' indexes
    read them: core.facets)."""
    WATCHED_MODELS.update(models)


@receiver(post_save, dispatch_uid="core-fragments-saved")
@receiver(post_delete, dispatch_uid="core-fragments-deleted")
def model_changed(sender, instance, **kwargs):
    if isinstance(instance, SITE_WIDE_MODELS) or sender in WATCHED_MODELS:
        changed()


@receiver(page_published, dispatch_uid="core-fragments-published")
@receiver(page_unpublished, dispatch_uid="core-fragments-unpublished")
@receiver(post_page_move, dispatch_uid="core-fragments-moved")
def page_changed(sender, instance, **kwargs):
    changed()
