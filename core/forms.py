"""The admin form of every portal page: a page may only reference documents its editor may choose.

Wagtail's document chooser offers a person only the collections they may choose from, but a form can be sent
with any document's id. Without this check an editor could attach a document they may not read to a page of
their own, which would then show its title and, in the library, publish its text in search.
"""

from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.blocks import StreamValue, StructValue
from wagtail.blocks.list_block import ListValue
from wagtail.documents import get_document_model
from wagtail.documents.blocks import DocumentChooserBlock

NOT_ALLOWED = "You cannot choose this document: it is in a collection you do not have access to."


def documents_in_stream(value, block=None):
    """Every document chosen anywhere in a StreamField value (nested blocks included)."""
    if isinstance(block, DocumentChooserBlock) and value is not None:
        yield value
    elif isinstance(value, StreamValue):
        for child in value:
            yield from documents_in_stream(child.value, child.block)
    elif isinstance(value, StructValue):
        for name, child_block in value.block.child_blocks.items():
            yield from documents_in_stream(value.get(name), child_block)
    elif isinstance(value, ListValue):
        for child in value.bound_blocks:
            yield from documents_in_stream(child.value, child.block)


class PortalPageForm(WagtailAdminPageForm):
    """Refuses documents the editor may not choose, unless the page already had them (chosen by someone who may)."""

    def is_valid(self):
        valid = super().is_valid()  # the page's fields, then its inline formsets (so their cleaned_data exists)
        return self.documents_allowed() and valid

    def documents_allowed(self):
        """Add an error wherever a document the editor may not choose was newly chosen; False if there was one."""
        from wagtail.permissions import policy_registry

        user = getattr(self, "for_user", None)
        if user is None or user.is_superuser:
            return True
        Document = get_document_model()
        allowed = policy_registry.get_by_type(Document).instances_user_has_any_permission_for(user, ["choose"])
        refused = False
        for formset in self.formsets.values():
            if not any(getattr(field, "related_model", None) is Document for field in formset.model._meta.get_fields()):
                continue
            for form in formset.forms:
                for field_name, value in list((getattr(form, "cleaned_data", None) or {}).items()):
                    newly_chosen = isinstance(value, Document) and form.initial.get(field_name) != value.pk
                    if newly_chosen and not allowed.filter(pk=value.pk).exists():
                        form.add_error(field_name, NOT_ALLOWED)
                        refused = True
        for field_name, value in list((getattr(self, "cleaned_data", None) or {}).items()):
            if not isinstance(value, StreamValue):
                continue
            previous = {doc.pk for doc in documents_in_stream(getattr(self.instance, field_name, None))}
            chosen = {doc.pk for doc in documents_in_stream(value)} - previous
            if chosen and allowed.filter(pk__in=chosen).count() < len(chosen):
                self.add_error(field_name, ValidationError(NOT_ALLOWED))
                refused = True
        return not refused
