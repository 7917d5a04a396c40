"""Every route the portal answers, enumerated rather than listed: the URLconf (the admin, documents, the API, the
sitemap, the apps' own URLconfs), the page tree, every document, every snippet viewset; with the addresses' arguments
filled from real objects (the planted canaries first) and the search routes asked for the canaries themselves.

A new route joins the matrix without anyone listing it: its arguments are filled by name and converter. A route
whose arguments cannot be filled from real objects is still requested with a placeholder (it must not answer 500)
and is reported.
"""

import dataclasses
import itertools
import re
from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
    Revision,
    Site,
    Task,
    TaskState,
    Workflow,
    WorkflowState,
)
from wagtail.snippets.models import get_snippet_models

from .lookup import model, service_at_location_id

PLACEHOLDER_INT = 987654
PLACEHOLDER_STR = "matrixplaceholder"
SEARCH_NAME = re.compile(r"(search|list|choose|results|index|explore|autocomplete|library|feed)", re.I)
MAX_FILLINGS = 14  # at most this many addresses per pattern (the canaries' objects come first)


@dataclasses.dataclass(frozen=True)
class Target:
    """One request of the matrix."""

    url: str
    kind: str  # the route kind (see KINDS)
    pattern: str  # the URL pattern (or page type, for the page tree) it stands for
    grants: tuple = ()  # credentials carried in the address (policy.CREDENTIAL_GRANTS)
    placeholder: bool = False  # filled with a placeholder, not a real object


# Every kind must have at least one request, or the matrix fails: never skip a whole kind of route.
KINDS = [
    "public",
    "page_tree",
    "documents",
    "api",
    "sitemap",
    "feeds",
    "ics",
    "exports",
    "search",
    "members",
    "admin_pages",
    "admin_snippets",
    "admin_choosers",
    "admin_reports",
    "admin_documents",
    "admin_other",
]


def route_kind(route, name):
    """The kind of a URL pattern, from its address and name."""
    text = f"{route} {name}"
    if route.endswith(".ics") or "meetings.ics" in route:
        return "ics"
    if re.search(r"\.(csv|xlsx)$|csv/?$|xlsx/?$|export", text):
        return "exports"
    if "feed" in text:
        return "feeds"
    if "sitemap" in text:
        return "sitemap"
    if route.startswith("api/") or "admin/api/" in route:
        return "api"
    if route.startswith("admin/"):
        if "chooser" in text or "choose" in text:
            return "admin_choosers"
        if "snippets" in text:
            return "admin_snippets"
        if "report" in text or "insights" in text:
            return "admin_reports"
        if "admin/pages" in route or "explore" in text:
            return "admin_pages"
        if "documents" in text:
            return "admin_documents"
        return "admin_other"
    if route.startswith("documents/"):
        return "documents"
    if route.startswith("search"):
        return "search"
    if route.startswith("members/") or route.startswith("insights/"):
        return "members"
    return "public"


def join_route(prefix, part):
    """As django.urls.resolvers.URLResolver._join_route, so that the result compares with ResolverMatch.route."""
    if not prefix:
        return part
    return prefix + part.removeprefix("^")


def walk(patterns=None, prefix="", namespace=""):
    """(route, full name, converters, pattern) of every leaf pattern of the URLconf."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for pattern in patterns:
        route = join_route(prefix, str(pattern.pattern))
        if isinstance(pattern, URLResolver):
            ns = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            yield from walk(pattern.url_patterns, route, ns)
        elif isinstance(pattern, URLPattern):
            yield route, namespace + (pattern.name or ""), pattern


NAMED = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>|\(\?P<(?P<rname>\w+)>")


def template(route):
    """The route as a format string with {name} for each argument, or None if it has unnamed regex parts."""
    out, position = [], 0
    while position < len(route):
        char = route[position]
        if route.startswith("(?P<", position):
            name_end = route.index(">", position)
            name = route[position + 4 : name_end]
            depth, cursor = 1, name_end + 1
            while depth:
                depth += {"(": 1, ")": -1}.get(route[cursor], 0)
                cursor += 1
            out.append("{" + name + "}")
            position = cursor
        elif char == "<":
            end = route.index(">", position)
            out.append("{" + route[position + 1 : end].split(":")[-1] + "}")
            position = end + 1
        elif char == "\\":
            out.append(route[position + 1])
            position += 2
        elif char in "^$":
            position += 1
        elif char in "()[]*+?|" or route.startswith((".*", ".+"), position):
            return None
        else:
            out.append(char.replace("{", "{{").replace("}", "}}"))
            position += 1
    return "".join(out)


def argument_names(route):
    return [m.group("name") or m.group("rname") for m in NAMED.finditer(route)]


class Candidates:
    """Values for URL arguments, drawn from the planted canaries' objects and the demo site."""

    def __init__(self, planted):
        self.planted = planted
        # Pages to open by id: those holding canaries; pages to list children of: their parents.
        self.pages = [page for name, page in planted.pages.items() if not name.endswith("_section_b")]
        parents = {page.get_parent().pk: page.get_parent() for page in self.pages}
        self.parents = list(parents.values())
        self.documents = list(planted.documents.values())
        self.snippet_models = {m._meta.label_lower: m for m in get_snippet_models()}

    def instances(self, label):
        """Instances of a model to open: the planted ones, else the first one in the database."""
        if label in self.planted.objects:
            return self.planted.objects[label]
        if label == "wagtailcore.page":
            return list({page.pk: page for page in self.pages + self.parents}.values())
        app_label, model_name = label.split(".")
        from django.apps import apps

        found = apps.get_model(app_label, model_name).objects.order_by("pk").first()
        return [found] if found else []

    def model_for_route(self, route, name):
        """The model whose primary key a generic argument (`pk`, `object_id`, ...) of this route is."""
        match = re.search(r"wagtailsnippet(?:s|choosers)_(\w+?)_(\w+):", name)
        if match:
            for label in self.snippet_models:
                if label.replace(".", "_") == f"{match.group(1)}_{match.group(2)}":
                    return label
        document_label = model("Document")._meta.label_lower
        prefixes = [
            ("admin/users/", get_user_model()._meta.label_lower),
            ("admin/groups/", "auth.group"),
            ("admin/sites/", "wagtailcore.site"),
            ("admin/collections/", "wagtailcore.collection"),
            ("admin/workflows/tasks/", "wagtailcore.task"),
            ("admin/workflows/", "wagtailcore.workflow"),
            ("admin/api/main/pages/", "wagtailcore.page"),
            ("admin/api/main/documents/", document_label),
            ("admin/api/main/images/", "wagtailimages.image"),
            ("admin/documents/", document_label),
            ("admin/images/", "wagtailimages.image"),
            ("admin/pages/", "wagtailcore.page"),
            ("admin/editing-sessions/", "wagtailcore.page"),
        ]
        for prefix, label in prefixes:
            if route.replace("^", "").startswith(prefix):
                return label
        return None

    def api_ids(self, route):
        live = self.planted.pages["live_service"]
        draft = self.planted.pages["draft_service"]
        if "service_at_locations" in route:
            return [str(service_at_location_id(live.uuid, loc.uuid)) for loc in live.locations.all()]
        if "taxonomy_terms" in route:
            return [str(model("TaxonomyTerm").objects.order_by("pk").first().uuid)]
        if "taxonomies" in route:
            return [str(model("Taxonomy").objects.order_by("pk").first().uuid)]
        return [str(live.uuid), str(draft.uuid)]

    def page_pairs(self):
        """(page, its latest revision) for every candidate page."""
        for page in self.pages:
            revision = Revision.page_revisions.filter(object_id=str(page.pk)).order_by("-pk").first()
            yield page, revision

    def values(self, route, name, argument):
        """Candidate values for one argument, as strings; None if only a placeholder will do."""
        p = self.planted
        generic = argument in {"pk", "object_id", "id", "doc_id", "document_id", "image_id"}
        if route.startswith("api/openreferral/") and argument == "pk":
            return self.api_ids(route)
        if generic:
            label = self.model_for_route(route, name)
            if argument in {"doc_id", "document_id"}:
                label = model("Document")._meta.label_lower
            if argument == "image_id":
                label = "wagtailimages.image"
            if label == model("Document")._meta.label_lower:
                return [str(d.pk) for d in self.documents]
            if label:
                return [str(obj.pk) for obj in self.instances(label)] or None
            return None
        if argument in {"parent_page_id", "destination_id"}:  # listings of children: parents first
            return [str(page.pk) for page in self.parents + [p for p in self.pages if p not in self.parents]]
        if argument in {"page_id", "page_to_move_id", "page_pk"}:
            return [str(page.pk) for page in self.pages]
        simple = {
            "meeting_id": lambda: [p.pages["held_meeting"].pk, p.pages["upcoming_meeting"].pk],
            "membership_id": lambda: [m.pk for m in p.objects["members.organisationmembership"]],
            "invitation_id": lambda: [i.pk for i in p.objects["members.invitation"]],
            "user_id": lambda: [user.pk for user in p.users.values() if user is not None],
            "return_id": lambda: [r.pk for r in p.objects["insights.aggregatereturn"]],
            "period_id": lambda: [r.pk for r in p.objects["insights.returnperiod"]],
            "organisation_slug": lambda: [p.organisation_b.slug, p.organisation_a.slug],
            "service_uuid": lambda: [p.pages["live_service"].uuid, p.pages["draft_service"].uuid],
            "collection_id": lambda: [c.pk for c in p.objects["wagtailcore.collection"]],
            "restriction_id": lambda: list(CollectionViewRestriction.objects.values_list("pk", flat=True)[:2]),
            "page_view_restriction_id": lambda: [r.pk for r in PageViewRestriction.objects.order_by("pk")[:1]],
            "task_id": lambda: list(Task.objects.values_list("pk", flat=True)[:1]),
            "workflow_pk": lambda: list(Workflow.objects.values_list("pk", flat=True)[:1]),
            "task_state_id": lambda: list(TaskState.objects.values_list("pk", flat=True)[:1]),
            "workflow_state_id": lambda: list(WorkflowState.objects.values_list("pk", flat=True)[:1]),
            "query_id": lambda: [q.pk for q in p.objects.get("wagtailsearchpromotions.query", [])],
            "redirect_id": lambda: [r.pk for r in p.objects.get("wagtailredirects.redirect", [])],
            "filter_spec": lambda: ["original"],
            "action_name": lambda: ["approve"],
            "action": lambda: ["delete"],
        }
        if argument == "token":
            return p.tokens["calendar"] if "calendar" in route else p.tokens["invitation"]
        if argument in simple:
            return [str(value) for value in simple[argument]()] or None
        return None

    def model_pairs(self, route):
        """(app label, model name) pairs for routes that name a model."""
        if "settings" in route:
            from wagtail.contrib.settings.registry import registry

            return [(m._meta.app_label, m._meta.model_name) for m in registry]
        if "tag" in route:
            return [("resources", "resourcepage")]
        if "tasks" in route:
            return [("wagtailcore", "groupapprovaltask")]
        if "bulk" in route:
            return [("wagtailcore", "page")]
        return [("directory", "servicepage"), ("members", "minutespage")]

    def fillings(self, route, name):
        """Every set of argument values for the route: (kwargs, placeholder used)."""
        names = argument_names(route)
        if not names:
            return [({}, False)]
        per_argument, placeholder = {}, False
        pair_names = [n for n in names if n in {"app_label", "model_name", "app_name"} or "content_type" in n]
        revision_names = [n for n in names if n.startswith("revision_id")]
        page_key = next((n for n in names if n in {"page_id", "pk"} and revision_names), None)
        combos = []
        if page_key:
            for page, revision in self.page_pairs():
                if revision is None:
                    continue
                values = {page_key: str(page.pk)}
                for n in revision_names:
                    values[n] = str(revision.pk)
                combos.append(values)
        if pair_names:
            pairs = self.model_pairs(route)
            combos = combos or [dict(zip(pair_names, pair, strict=False)) for pair in pairs]
        rest = [n for n in names if n not in pair_names and n not in revision_names and n != page_key]
        for argument in rest:
            values = self.values(route, name, argument)
            if not values:
                placeholder = True
                values = [str(PLACEHOLDER_INT) if self.is_int(route, argument) else PLACEHOLDER_STR]
            per_argument[argument] = values
        if "object_id" in per_argument and pair_names:  # editing sessions: a page of the named model
            per_argument["object_id"] = [str(p.pk) for p in self.pages]
        if "pk" in per_argument and pair_names and "settings" in route:  # a setting's own row
            from django.apps import apps

            pks = [str(obj.pk) for pair in self.model_pairs(route) for obj in apps.get_model(*pair).objects.all()]
            if pks:
                per_argument["pk"] = pks
        placeholders = {str(PLACEHOLDER_INT), PLACEHOLDER_STR}
        placeholder = any(set(values) <= placeholders for values in per_argument.values())
        base = combos or [{}]
        result = []
        for fixed in base:
            keys = list(per_argument)
            for values in itertools.product(*(per_argument[k] for k in keys)):
                kwargs = dict(fixed, **dict(zip(keys, values, strict=True)))
                result.append((kwargs, placeholder))
        return result[:MAX_FILLINGS]

    @staticmethod
    def is_int(route, argument):
        """Integer arguments, and identifiers in string arguments (so that a view that expects a number answers
        its not-found page rather than tripping over a word)."""
        id_like = argument in {"pk", "id", "object_id"} or argument.endswith("_id")
        return id_like or bool(re.search(rf"<int:{argument}>|\(\?P<{argument}>\\d", route))


def search_queries(canaries):
    """The canaries as search queries, lower case (an echo of the query is then no leak), at most 200 characters:
    one query if they fit. Wagtail search matches any of the words."""
    words = sorted(word.lower() for word in canaries.values())
    chunks, current = [], []
    for word in words:
        if len(" ".join(current + [word])) > 200:
            chunks.append(" ".join(current))
            current = []
        current.append(word)
    return chunks + [" ".join(current)]


@dataclasses.dataclass
class Enumeration:
    targets: list
    patterns: int = 0
    unfilled: list = dataclasses.field(default_factory=list)  # patterns requested with a placeholder only
    tree_patterns: list = dataclasses.field(default_factory=list)  # patterns filled from the page tree or documents


def enumerate_targets(planted):
    """Every request of the matrix."""
    candidates = Candidates(planted)
    queries = search_queries(planted.canaries)
    enumeration = Enumeration(targets=[])
    seen = set()

    def add(url, kind, pattern, grants=(), placeholder=False):
        if url not in seen:
            seen.add(url)
            enumeration.targets.append(Target(url, kind, pattern, tuple(grants), placeholder))

    def add_exports(url, kind, pattern):
        separator = "&" if "?" in url else "?"
        for export in ("csv", "xlsx"):
            add(f"{url}{separator}export={export}", "exports", pattern)

    def add_searches(url, kind, pattern):
        parameter = "search" if "/api/" in url else "term" if "autocomplete" in url else "q"
        separator = "&" if "?" in url else "?"
        for query in queries:
            add(f"{url}{separator}{urlencode({parameter: query})}", "search" if kind == "public" else kind, pattern)

    for route, name, pattern in walk():
        enumeration.patterns += 1
        kind = route_kind(route.replace("^", ""), name)
        form = template(route)
        if form is None:
            if argument_names(route) or "(" in route:
                # Positional regex groups: the page tree and document serving, enumerated below from real objects.
                callback = f"{pattern.callback.__module__}.{pattern.callback.__name__}"
                enumeration.tree_patterns.append(f"{route} ({callback})")
                continue
            # A catch-all: request an address nothing else answers.
            form = re.sub(r"\^|\$|\.\*|\.\+", "", route) + "matrix-no-such-page/"
            add("/" + form.replace("//", "/"), kind, route)
            continue
        fillings = candidates.fillings(route, name)
        filled_any = False
        for kwargs, placeholder in fillings:
            try:
                url = "/" + form.format(**kwargs)
            except (KeyError, IndexError):
                continue
            try:
                match = resolve(url.split("?")[0])
            except Resolver404:
                continue
            if match.route != route:
                continue
            filled_any = True
            grants = [planted.grants[v] for v in kwargs.values() if v in planted.grants]
            add(url, kind, route, grants, placeholder)
            if placeholder:
                enumeration.unfilled.append(route)
            if not kwargs and SEARCH_NAME.search(f"{route} {name}"):
                add_searches(url, kind, route)
            if not kwargs and (kind == "admin_reports" or name.endswith(":list")):
                add_exports(url, kind, route)  # Wagtail's report and listing downloads
        if not filled_any:
            enumeration.unfilled.append(route)

    # The page tree: every canary page and its parent, and one live page of every page type.
    pages = {page.pk: page for page in candidates.pages + candidates.parents}
    for page in Page.objects.live().specific().order_by("path"):
        if type(page) not in {type(p) for p in pages.values()}:
            pages[page.pk] = page
    for page in pages.values():
        url = page.get_url()
        if url:
            add(url, "page_tree", type(page).__name__)
            searchable = hasattr(page, "library") or type(page).__name__ == "DirectoryIndexPage"
            if searchable or SEARCH_NAME.search(type(page).__name__):
                add_searches(url, "search", type(page).__name__)
    # Routable pages' own routes (the library's feed, the insights page's CSV, ...), from each page type's resolver.
    for page in pages.values():
        if not hasattr(type(page), "get_subpage_urls") or not page.get_url():
            continue
        for route, name, _pattern in walk(type(page).get_subpage_urls()):
            form = template(route)
            if not form or argument_names(route):
                continue
            label = f"{type(page).__name__} {form}"
            sub_kind = route_kind(form, name or "")
            sub_kind = sub_kind if sub_kind in {"feeds", "exports", "ics", "sitemap"} else "page_tree"
            add(page.get_url() + form, sub_kind, label)
            if SEARCH_NAME.search(f"{form} {name}"):
                add_searches(page.get_url() + form, sub_kind, label)
    # Drafts and pages under privacy, by the address they would have.
    root_path = Site.objects.get(is_default_site=True).root_page.url_path
    for page in candidates.pages + candidates.parents:
        add("/" + page.url_path.removeprefix(root_path), "page_tree", "page url_path")
    # Every redirect's old address.
    from wagtail.contrib.redirects.models import Redirect

    for redirect in Redirect.objects.order_by("pk")[:MAX_FILLINGS]:
        add(redirect.old_path, "public", "redirect")
    # Every document's serve address: the planted ones and one in each collection.
    Document = model("Document")
    documents = {d.pk: d for d in candidates.documents}
    for collection in Collection.objects.all():
        first = Document.objects.filter(collection=collection).order_by("pk").first()
        if first:
            documents[first.pk] = first
    for doc in documents.values():
        add(doc.url, "documents", "document serve")
    return enumeration
