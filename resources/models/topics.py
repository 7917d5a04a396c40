"""Topics: a controlled vocabulary of django-taggit tags that editors choose from but cannot add to."""

from django.db import models
from modelcluster.fields import ParentalKey
from taggit.models import ItemBase, TagBase
from wagtail.admin.panels import FieldPanel


class ResourceTopic(TagBase):
    """A topic of the resource library, such as 'Trafficking' or 'Trauma-informed practice'."""

    # Editors pick topics from this list in the page editor; only co-ordinators add to it (as snippets).
    free_tagging = False

    description = models.CharField(max_length=300, blank=True, help_text="What resources on this topic are about.")

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta:
        verbose_name = "topic"
        ordering = ["name"]


class TaggedResource(ItemBase):
    """A resource's topic."""

    tag = models.ForeignKey(ResourceTopic, on_delete=models.CASCADE, related_name="tagged_resources")
    content_object = ParentalKey("resources.ResourcePage", on_delete=models.CASCADE, related_name="tagged_topics")
