"""Problem reports about listings, and the local authority pathway contacts for members."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class ProblemReport(models.Model):
    """A visitor's report that a listing is wrong. It holds no personal data by design."""

    class Kind(models.TextChoices):
        DETAILS_WRONG = "details", "The details are wrong"
        CLOSED = "closed", "The service has closed"
        WRONG_AREA = "area", "It does not cover the area it says"
        OTHER = "other", "Something else"

    class Status(models.TextChoices):
        NEW = "new", "New"
        RESOLVED = "resolved", "Resolved"
        DISMISSED = "dismissed", "Dismissed"

    service = models.ForeignKey("directory.ServicePage", on_delete=models.CASCADE, related_name="problem_reports")
    kind = models.CharField("what is wrong", max_length=10, choices=Kind.choices)
    message = models.TextField(blank=True, max_length=1000)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.NEW)
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [FieldPanel("kind", read_only=True), FieldPanel("message", read_only=True), FieldPanel("status")]

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.service.title}"


class LocalAuthorityContact(index.Indexed, models.Model):
    """A pathway contact in a council area, visible to Hub members only. Never public."""

    council_area = models.ForeignKey("directory.CouncilArea", on_delete=models.CASCADE, related_name="contacts")
    role = models.CharField(max_length=120, help_text="For example 'Violence against women co-ordinator'.")
    name = models.CharField(max_length=120)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=30, blank=True)
    notes = models.TextField(blank=True, max_length=1000)
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldPanel("council_area"),
        FieldPanel("role"),
        FieldPanel("name"),
        FieldPanel("email"),
        FieldPanel("phone"),
        FieldPanel("notes"),
    ]
    # Searchable only inside the admin; the public site never searches this model.
    search_fields = [
        index.SearchField("name"),
        index.SearchField("role"),
        index.AutocompleteField("name"),
        index.FilterField("council_area"),
    ]

    class Meta:
        ordering = ["council_area__name", "role", "name"]
        verbose_name = "local authority contact"

    def __str__(self):
        return f"{self.name}, {self.role} ({self.council_area})"
