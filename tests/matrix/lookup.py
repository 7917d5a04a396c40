"""Where the matrix finds the portal's models: the one place to change when a model moves to another app.

Change the label (or the helper's import) here and nothing else in the matrix when a model moves.
"""

from django.apps import apps
from wagtail.documents import get_document_model

# The apps' helpers the planting uses, imported here only, for the same reason.
from directory.api.serializers import service_at_location_id  # noqa: F401
from group.setup import papers_collection  # noqa: F401
from members.memberships import add_membership, remove_membership  # noqa: F401
from members.models.people import Role, hash_token  # noqa: F401
from members.roles import editors_group_name  # noqa: F401
from resources.privacy import members_only_collection  # noqa: F401

MODEL_LABELS = {
    "Organisation": "members.Organisation",
    "OrganisationMembership": "members.OrganisationMembership",
    "Invitation": "members.Invitation",
    "CalendarFeedToken": "group.CalendarFeedToken",
    "GroupPage": "group.GroupPage",
    "MeetingIndexPage": "group.MeetingIndexPage",
    "MeetingPage": "group.MeetingPage",
    "MeetingPaper": "group.MeetingPaper",
    "MeetingDeclaration": "group.MeetingDeclaration",
    "MinutesPage": "group.MinutesPage",
    "Action": "group.Action",
    "DirectoryIndexPage": "directory.DirectoryIndexPage",
    "OrganisationDirectoryPage": "directory.OrganisationDirectoryPage",
    "ServicePage": "directory.ServicePage",
    "ServiceLocation": "directory.ServiceLocation",
    "CouncilArea": "directory.CouncilArea",
    "LocalAuthorityContact": "directory.LocalAuthorityContact",
    "ProblemReport": "directory.ProblemReport",
    "Taxonomy": "directory.Taxonomy",
    "TaxonomyTerm": "directory.TaxonomyTerm",
    "ResourceLibraryPage": "resources.ResourceLibraryPage",
    "OrganisationResourcesPage": "resources.OrganisationResourcesPage",
    "ResourcePage": "resources.ResourcePage",
    "Audience": "resources.Audience",
    "ReturnPeriod": "insights.ReturnPeriod",
    "AggregateReturn": "insights.AggregateReturn",
}


def model(name):
    """The model class called `name` (`Document` is Wagtail's configured document model)."""
    if name == "Document":
        return get_document_model()
    return apps.get_model(MODEL_LABELS[name])
