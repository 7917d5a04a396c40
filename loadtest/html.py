"""Reading forms and links out of the portal's HTML, as a browser without JavaScript would submit them."""

import re
from html.parser import HTMLParser

DOCUMENT_LINK = re.compile(r'href="(/documents/\d+/[^"?#]+)"')


class Forms(HTMLParser):
    """Every form's submittable fields, by the form's id (or its position), skipping <template> contents (the
    empty forms Wagtail's inline panels clone)."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.forms = {}
        self.choices = []  # (name, value) of every checkbox and radio button, checked or not
        self.current = None
        self.in_template = 0
        self.select = None
        self.textarea = None
        self.feed(html)
        self.close()

    def field(self, name, value):
        if self.current is not None and name:
            self.current.append((name, value))

    def handle_starttag(self, tag, attrs):
        attrs = {name: (value if value is not None else "") for name, value in attrs}
        if tag == "template":
            self.in_template += 1
        if self.in_template:
            return
        if tag == "form":
            self.current = self.forms.setdefault(attrs.get("id") or f"form-{len(self.forms)}", [])
        elif tag == "input":
            kind = attrs.get("type", "text").lower()
            name = attrs.get("name", "")
            if kind in ("checkbox", "radio"):
                self.choices.append((name, attrs.get("value", "on")))
                if "checked" in attrs:
                    self.field(name, attrs.get("value", "on"))
            elif kind not in ("submit", "button", "image", "file", "reset"):
                self.field(name, attrs.get("value", ""))
        elif tag == "textarea":
            self.textarea = [attrs.get("name", ""), ""]
        elif tag == "select":
            self.select = [attrs.get("name", ""), None, []]
        elif tag == "option" and self.select is not None:
            self.select[2].append(attrs.get("value", ""))
            if "selected" in attrs:
                self.field(self.select[0], attrs.get("value", ""))
                self.select[1] = True

    def handle_endtag(self, tag):
        if tag == "template":
            self.in_template = max(0, self.in_template - 1)
        if self.in_template:
            return
        if tag == "form":
            self.current = None
        elif tag == "textarea" and self.textarea is not None:
            self.field(*self.textarea)
            self.textarea = None
        elif tag == "select" and self.select is not None:
            name, chosen, options = self.select
            if not chosen and options:
                self.field(name, options[0])
            self.select = None

    def handle_data(self, data):
        if self.textarea is not None and not self.in_template:
            self.textarea[1] += data


def form_fields(html, form_id):
    """The fields the form `form_id` would submit, as (name, value) pairs."""
    return Forms(html).forms.get(form_id, [])


def field_value(html, name):
    """The value of the first field called `name` in any form (a CSRF token, say)."""
    for fields in Forms(html).forms.values():
        for field, value in fields:
            if field == name:
                return value
    return ""


def choices(html, names):
    """The (name, value) choices offered by checkboxes and radio buttons called one of `names`."""
    return [(name, value) for name, value in Forms(html).choices if name in names and value]


def document_links(html):
    return sorted(set(DOCUMENT_LINK.findall(html)))
