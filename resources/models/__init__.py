from .audiences import Audience
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
    "OrganisationResourcesPage",
    "ResourceDocument",
    "ResourceLibraryPage",
    "ResourcePage",
    "ResourceRelatedLink",
    "ResourceTopic",
    "ResourceType",
    "TaggedResource",
]
