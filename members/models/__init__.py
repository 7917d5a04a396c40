"""Models of the members app: organisations, their people and invitations, and the multi-agency group."""

from .group import (
    Action,
    AgendaItem,
    GroupPage,
    GroupSeat,
    MeetingAttendance,
    MeetingDeclaration,
    MeetingIndexPage,
    MeetingPage,
    MeetingPaper,
    MinutesComment,
    MinutesPage,
)
from .organisations import Organisation
from .people import CalendarFeedToken, Invitation, OrganisationMembership, Role

__all__ = [
    "Action",
    "AgendaItem",
    "CalendarFeedToken",
    "GroupPage",
    "GroupSeat",
    "Invitation",
    "MeetingAttendance",
    "MeetingDeclaration",
    "MeetingIndexPage",
    "MeetingPage",
    "MeetingPaper",
    "MinutesComment",
    "MinutesPage",
    "Organisation",
    "OrganisationMembership",
    "Role",
]
