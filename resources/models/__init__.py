from .audiences import Audience
from .documents import MembersOnlyCollection, PortalDocument
from .pages import (
    Licence,
    OrganisationResourcesPage,
    ResourceDocument,
    ResourceLibraryPage,
    ResourcePage,
    ResourceRelatedLink,
    ResourceType,
)
from .topics import ResourceTopic, TaggedResource

__all__ = [
    "Audience",
    "Licence",
    "MembersOnlyCollection",
    "OrganisationResourcesPage",
    "PortalDocument",
    "ResourceDocument",
    "ResourceLibraryPage",
    "ResourcePage",
    "ResourceRelatedLink",
    "ResourceTopic",
    "ResourceType",
    "TaggedResource",
]
