"""The multi-agency group: its page and public membership, meetings, papers, minutes and actions."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.documents import get_document_model_string
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.search import index

from core.blocks import RICH_TEXT_FEATURES, BodyBlock
from core.models import BasePage
from core.privacy import private_response
from members.models.people import hash_token
from members.permissions import is_group_member


class GroupPage(BasePage):
    """The multi-agency group: its remit, terms of reference, link to the Hub and its public membership."""

    launched_on = models.DateField("group launched on", null=True, blank=True, help_text="When the group first met.")
    remit = RichTextField(features=RICH_TEXT_FEATURES, blank=True, help_text="What the group is for, in brief.")
    terms_of_reference = StreamField(BodyBlock(), blank=True, help_text="The group's agreed terms of reference.")
    hub_relationship = RichTextField(
        "how the group links to the Hub",
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text="How the group and the National Hub work together.",
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("summary"),
        FieldPanel("launched_on"),
        FieldPanel("remit"),
        FieldPanel("terms_of_reference"),
        FieldPanel("hub_relationship"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("remit"),
        index.SearchField("terms_of_reference"),
        index.SearchField("hub_relationship"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["group.MeetingIndexPage"]
    max_count = 1
    template = "group/group_page.html"

    class Meta:
        verbose_name = "multi-agency group page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["seats"] = GroupSeat.objects.current().select_related("organisation")
        context["meeting_index"] = MeetingIndexPage.objects.child_of(self).visible_to(request).first()
        return context


class GroupSeatQuerySet(models.QuerySet):
    def current(self):
        """Seats held today by active organisations, chair first."""
        today = timezone.localdate()
        return (
            self.filter(organisation__active=True, since__lte=today)
            .filter(models.Q(until__isnull=True) | models.Q(until__gte=today))
            .order_by("role_order", "organisation__name")
        )


class GroupSeat(models.Model):
    """An organisation's seat on the multi-agency group; the public membership list is made from these."""

    class SeatRole(models.TextChoices):
        CHAIR = "chair", "Chair"
        VICE_CHAIR = "vice_chair", "Vice-chair"
        MEMBER = "member", "Member"

    ROLE_ORDER = {SeatRole.CHAIR: 0, SeatRole.VICE_CHAIR: 1, SeatRole.MEMBER: 2}

    organisation = models.ForeignKey("members.Organisation", on_delete=models.CASCADE, related_name="group_seats")
    role = models.CharField(max_length=20, choices=SeatRole.choices, default=SeatRole.MEMBER)
    role_order = models.PositiveSmallIntegerField(default=2, editable=False)
    since = models.DateField(default=timezone.localdate, help_text="When the organisation took this seat.")
    until = models.DateField(null=True, blank=True, help_text="Leave blank while the organisation holds the seat.")

    objects = GroupSeatQuerySet.as_manager()

    panels = [FieldPanel("organisation"), FieldPanel("role"), FieldRowPanel([FieldPanel("since"), FieldPanel("until")])]

    class Meta:
        ordering = ["role_order", "organisation__name"]
        verbose_name = "group seat"

    def __str__(self):
        return f"{self.organisation}: {self.get_role_display()}"

    def save(self, *args, **kwargs):
        self.role_order = self.ROLE_ORDER.get(self.role, 2)
        super().save(*args, **kwargs)

    def clean(self):
        if self.until and self.since and self.until < self.since:
            raise ValidationError({"until": "The seat cannot end before it starts."})


class MeetingIndexPage(BasePage):
    """The group's meetings: upcoming and past."""

    content_panels = BasePage.content_panels + [FieldPanel("summary")]
    parent_page_types = ["group.GroupPage"]
    subpage_types = ["group.MeetingPage"]
    max_count = 1
    template = "group/meeting_index_page.html"

    class Meta:
        verbose_name = "meetings page"

    def meetings(self, request=None):
        """Live meetings of the group this request may see, soonest first."""
        return MeetingPage.objects.child_of(self).visible_to(request).order_by("starts_at")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        meetings = self.meetings(request)
        context["upcoming"] = meetings.filter(starts_at__gte=now).exclude(status=MeetingPage.Status.HELD)
        context["past"] = meetings.filter(models.Q(starts_at__lt=now) | models.Q(status=MeetingPage.Status.HELD))
        context["past"] = context["past"].order_by("-starts_at")
        return context


class MeetingPage(BasePage):
    """One meeting of the group. Its agenda may be public; papers, attendance and declarations are for members."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        HELD = "held", "Held"
        CANCELLED = "cancelled", "Cancelled"

    starts_at = models.DateTimeField(help_text="Date and start time, UK time.")
    ends_at = models.DateTimeField(null=True, blank=True, help_text="Leave blank if not known.")
    location = models.CharField(
        max_length=255, blank=True, help_text="Where the meeting is held, shown publicly. Leave blank if online only."
    )
    online = models.BooleanField(default=False, help_text="Tick if people can join online.")
    joining_details = models.TextField(
        blank=True, help_text="How to join online (link, dial-in). Shown to group members only."
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SCHEDULED)

    content_panels = BasePage.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                FieldPanel("location"),
                FieldPanel("online"),
                FieldPanel("joining_details"),
                FieldPanel("status"),
            ],
            heading="When and where",
        ),
        InlinePanel("agenda_items", heading="Agenda (public)", label="Agenda item"),
        InlinePanel("papers", heading="Papers (group members only)", label="Paper"),
        InlinePanel("attendance", heading="Attendance and apologies (group members only)", label="Organisation"),
        InlinePanel("declarations", heading="Declarations of interest (group members only)", label="Declaration"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("location"),
        index.RelatedFields("agenda_items", [index.SearchField("title")]),
        index.FilterField("starts_at"),
        index.FilterField("status"),
    ]

    parent_page_types = ["group.MeetingIndexPage"]
    subpage_types = ["group.MinutesPage"]
    template = "group/meeting_page.html"

    class Meta:
        verbose_name = "meeting"

    def clean(self):
        super().clean()
        if self.ends_at and self.starts_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "The meeting must end after it starts."})

    @property
    def is_cancelled(self):
        return self.status == self.Status.CANCELLED

    def approved_minutes(self):
        """The meeting's live minutes if they have been approved, for the public summary."""
        return MinutesPage.objects.child_of(self).live().filter(stage=MinutesPage.Stage.APPROVED).order_by("pk").first()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        member = is_group_member(request.user)
        context["is_group_member"] = member
        context["agenda"] = self.agenda_items.select_related("presenter").all()
        context["approved_minutes"] = self.approved_minutes()
        if member:
            context["papers"] = self.papers.select_related("document").all()
            context["attendance"] = self.attendance.select_related("organisation").all()
            context["declarations"] = self.declarations.select_related("organisation").all()
            context["actions"] = self.actions.select_related("owner").all()
            context["minutes"] = MinutesPage.objects.child_of(self).live().first()
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if request.user.is_authenticated:
            private_response(response)
        return response


class AgendaItem(Orderable):
    """An item of a meeting's agenda, in order."""

    page = ParentalKey(MeetingPage, on_delete=models.CASCADE, related_name="agenda_items")
    title = models.CharField(max_length=255)
    presenter = models.ForeignKey(
        "members.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The organisation presenting the item, if any.",
    )

    panels = [FieldPanel("title"), FieldPanel("presenter")]

    def __str__(self):
        return self.title

    @property
    def number(self):
        return (self.sort_order or 0) + 1


class MeetingPaper(Orderable):
    """A paper for a meeting: a document in the group's private collection, for group members only."""

    page = ParentalKey(MeetingPage, on_delete=models.CASCADE, related_name="papers")
    document = models.ForeignKey(
        get_document_model_string(),
        on_delete=models.CASCADE,
        related_name="+",
        help_text="Upload papers to the 'Group papers' collection so that only group members can open them.",
    )
    agenda_item = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The number of the agenda item the paper belongs to, if any."
    )

    panels = [FieldPanel("document"), FieldPanel("agenda_item")]


class MeetingAttendance(Orderable):
    """Whether an organisation attended a meeting or sent apologies."""

    class Presence(models.TextChoices):
        PRESENT = "present", "Present"
        APOLOGIES = "apologies", "Apologies"

    page = ParentalKey(MeetingPage, on_delete=models.CASCADE, related_name="attendance")
    organisation = models.ForeignKey("members.Organisation", on_delete=models.CASCADE, related_name="+")
    presence = models.CharField(max_length=20, choices=Presence.choices, default=Presence.PRESENT)

    panels = [FieldPanel("organisation"), FieldPanel("presence")]


class MeetingDeclaration(Orderable):
    """A declaration of interest made at a meeting, against an agenda item."""

    page = ParentalKey(MeetingPage, on_delete=models.CASCADE, related_name="declarations")
    organisation = models.ForeignKey("members.Organisation", on_delete=models.CASCADE, related_name="+")
    agenda_item = models.PositiveSmallIntegerField(help_text="The number of the agenda item, as on the agenda.")
    interest = models.TextField(help_text="The interest declared and what was agreed (for example, did not vote).")

    panels = [FieldPanel("organisation"), FieldPanel("agenda_item"), FieldPanel("interest")]


class MinutesPage(BasePage):
    """A meeting's minutes: drafted by the secretariat, circulated to members, approved at a later meeting.

    Who may read them follows the stage (group.setup): page privacy, set when a revision is published.
    """

    privacy_follows_field = True

    class Stage(models.TextChoices):
        DRAFT = "draft", "Draft (secretariat only)"
        CIRCULATED = "circulated", "Circulated to group members for comment"
        APPROVED = "approved", "Approved"

    stage = models.CharField(
        max_length=20,
        choices=Stage.choices,
        default=Stage.DRAFT,
        help_text=(
            "Who can read the minutes once published: the secretariat only (draft), or all group members "
            "(circulated, approved). Approved minutes are locked: only a co-ordinator can reopen them."
        ),
    )
    body = StreamField(BodyBlock(), blank=True, help_text="The minutes.")
    approved_at_meeting = models.ForeignKey(
        MeetingPage,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="minutes_approved",
        help_text="The later meeting at which the group approved these minutes. Needed to approve them.",
    )
    public_summary = models.TextField(
        blank=True,
        help_text="A short summary anyone may read, shown on the public meeting page once the minutes are approved.",
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("stage"),
        FieldPanel("body"),
        FieldPanel("approved_at_meeting"),
        FieldPanel("public_summary"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("body")]

    parent_page_types = ["group.MeetingPage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "group/minutes_page.html"

    class Meta:
        verbose_name = "minutes"
        verbose_name_plural = "minutes"

    def clean(self):
        super().clean()
        if self.stage == self.Stage.APPROVED and not self.approved_at_meeting_id:
            raise ValidationError({"approved_at_meeting": "Choose the meeting at which the minutes were approved."})
        meeting = self.get_parent().specific if self.pk or self.path else None
        if self.approved_at_meeting_id and isinstance(meeting, MeetingPage):
            approving = self.approved_at_meeting
            if approving.pk == meeting.pk or approving.starts_at <= meeting.starts_at:
                raise ValidationError(
                    {"approved_at_meeting": "Minutes are approved at a later meeting than the one they record."}
                )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["meeting"] = self.get_parent().specific
        context["can_comment"] = self.stage == self.Stage.CIRCULATED and is_group_member(request.user)
        context["comments"] = self.comments.select_related("author").all()
        return context

    def serve(self, request, *args, **kwargs):
        from .forms import MinutesCommentForm

        if request.method == "POST":
            form = MinutesCommentForm(request.POST)
            if self.stage != self.Stage.CIRCULATED or not is_group_member(request.user):
                return private_response(render(request, "group/comment_closed.html", {"page": self}, status=403))
            if form.is_valid():
                MinutesComment.objects.create(minutes=self, author=request.user, text=form.cleaned_data["text"])
                return HttpResponseRedirect(self.url + "#comments")
            context = self.get_context(request)
            context["comment_form"] = form
            return private_response(render(request, self.get_template(request), context, status=400))
        return private_response(super().serve(request, *args, **kwargs))


class MinutesComment(models.Model):
    """A group member's comment on circulated minutes, read by the secretariat before approval."""

    minutes = models.ForeignKey(MinutesPage, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    text = models.TextField(max_length=4000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self):
        return f"Comment on {self.minutes.title}"


class ActionQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=Action.Status.OPEN)

    def overdue(self):
        return self.open().filter(due_on__lt=timezone.localdate())


class Action(models.Model):
    """An action the group agreed at a meeting, owned by an organisation. For group members only."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        DONE = "done", "Done"
        DROPPED = "dropped", "Dropped"

    meeting = models.ForeignKey(MeetingPage, on_delete=models.CASCADE, related_name="actions")
    description = models.TextField(help_text="What is to be done.")
    owner = models.ForeignKey(
        "members.Organisation",
        on_delete=models.PROTECT,
        related_name="group_actions",
        help_text="The organisation responsible.",
    )
    due_on = models.DateField("due date", null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    notes = models.TextField("update notes", blank=True, help_text="Progress updates, newest last.")
    updated_at = models.DateTimeField(auto_now=True)

    objects = ActionQuerySet.as_manager()

    panels = [
        FieldPanel("meeting"),
        FieldPanel("description"),
        FieldPanel("owner"),
        FieldRowPanel([FieldPanel("due_on"), FieldPanel("status")]),
        FieldPanel("notes"),
    ]

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self):
        return self.description[:80]

    @property
    def is_overdue(self):
        return self.status == self.Status.OPEN and self.due_on is not None and self.due_on < timezone.localdate()


class CalendarFeedToken(models.Model):
    """A group member's private link to the upcoming-meetings calendar, for calendar apps that cannot sign in.

    Only a hash of the link's token is kept; a new link replaces the old one. The feed answers only while
    its owner is an active group member, so leaving the group stops it.
    """

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "calendar subscription link"

    def __str__(self):
        return f"Calendar link of {self.user}"

    @classmethod
    def renew(cls, user):
        """A new token for the user's link (returned once, never stored); any old link stops working."""
        token = secrets.token_urlsafe(32)
        cls.objects.update_or_create(
            user=user, defaults={"token_hash": hash_token(token), "created_at": timezone.now()}
        )
        return token

    @classmethod
    def user_for_token(cls, token):
        """The link's owner, or None."""
        if not token or len(token) > 100:
            return None
        found = cls.objects.select_related("user").filter(token_hash=hash_token(token)).first()
        return found.user if found else None
