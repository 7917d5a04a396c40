"""Who a resource is written for: a small fixed list, kept as rows so that a resource can be for several."""

from django.db import models

# (slug, name) in display order. The migration that first made them keeps its own copy.
AUDIENCES = [
    ("practitioners", "Practitioners"),
    ("lived-experience", "People with lived experience"),
    ("public", "The public"),
]


class Audience(models.Model):
    """People a resource is written for: practitioners, people with lived experience or the public."""

    slug = models.SlugField(max_length=50, unique=True)
    name = models.CharField(max_length=100)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    @classmethod
    def ensure_all(cls):
        """Every audience of the fixed list, made again if a database flush removed them; in display order."""
        if cls.objects.filter(slug__in=[slug for slug, _name in AUDIENCES]).count() < len(AUDIENCES):
            for position, (slug, name) in enumerate(AUDIENCES):
                cls.objects.get_or_create(slug=slug, defaults={"name": name, "sort_order": position})
        return list(cls.objects.all())
