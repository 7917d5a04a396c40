"""Models of the members app: organisations, their people and roles, and the invitations that bring them in."""

from .organisations import Organisation
from .people import Invitation, OrganisationMembership, Role

__all__ = ["Invitation", "Organisation", "OrganisationMembership", "Role"]
