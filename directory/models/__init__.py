from .feedback import LocalAuthorityContact, ProblemReport
from .geography import CouncilArea, HealthBoard, PilotArea, Postcode
from .services import (
    DirectoryIndexPage,
    OrganisationDirectoryPage,
    ServiceLocation,
    ServicePage,
    ServiceSchedule,
)
from .taxonomy import Taxonomy, TaxonomyTerm

__all__ = [
    "CouncilArea",
    "DirectoryIndexPage",
    "HealthBoard",
    "LocalAuthorityContact",
    "OrganisationDirectoryPage",
    "PilotArea",
    "Postcode",
    "ProblemReport",
    "ServiceLocation",
    "ServicePage",
    "ServiceSchedule",
    "Taxonomy",
    "TaxonomyTerm",
]
