"""Receivers that set up the group when its page is created and keep minutes' privacy in step with their stage."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.signals import page_published

from .models import GroupPage, MinutesPage
from .setup import ensure_group_setup, on_minutes_published, set_minutes_privacy


@receiver(post_save, sender=GroupPage, dispatch_uid="group_set_up_group")
def set_up_new_group(sender, instance, created, raw=False, **kwargs):
    """A new group page gets its workflow, permissions and papers collection at once."""
    if created and not raw:
        ensure_group_setup(instance)


@receiver(post_save, sender=MinutesPage, dispatch_uid="group_new_minutes_private")
def new_minutes_are_private(sender, instance, created, raw=False, **kwargs):
    """New minutes are for the secretariat only, before anything is published."""
    if created and not raw:
        set_minutes_privacy(instance, stage=MinutesPage.Stage.DRAFT)


@receiver(page_published, sender=MinutesPage, dispatch_uid="group_minutes_published")
def minutes_published(sender, instance, revision=None, **kwargs):
    """Publishing minutes sets who can read them and locks them once approved."""
    user = getattr(revision, "user", None)
    on_minutes_published(instance, user=user)
