"""Links to the directory's routes from templates that do not have the directory page in their context."""

from django import template

from directory.models import DirectoryIndexPage

register = template.Library()


@register.simple_tag(takes_context=True)
def directory_url(context, name, *args):
    """The address of a route of the live directory page ("search", "pathway", "contacts", "report", "service"),
    or "" if there is none: use `{% directory_url "contacts" as url %}{% if url %}...{% endif %}`."""
    return DirectoryIndexPage.url_for(name, *args, request=context.get("request")) or ""
