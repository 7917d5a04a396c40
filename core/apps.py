from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The foundation every app builds on; it imports no app of the portal.

    The base page and shared blocks, page and document privacy, HTTP helpers, exports, bulk page creation, search
    indexing helpers and the document model with its text extraction.
    """

    name = "core"
    verbose_name = "Foundation"

    def ready(self):
        from . import fragments, receivers  # noqa: F401  (documents' text is read after upload; sign-in starts the
        # session clock; cached fragments are forgotten when pages, restrictions, sites or settings change)
