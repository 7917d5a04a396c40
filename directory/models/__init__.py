from .feedback import LocalAuthorityContact, ProblemReport
from .geography import CouncilArea, HealthBoard, PilotArea, Postcode
from .services import (
    RESERVED_SLUGS,
    DirectoryIndexPage,
    OrganisationDirectoryPage,
    ServiceLocation,
    ServicePage,
    ServiceSchedule,
)
from .taxonomy import Taxonomy, TaxonomyTerm

__all__ = [
    "RESERVED_SLUGS",
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
