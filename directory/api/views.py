"""The Open Referral UK API (HSDS 3.0, UK profile): read-only JSON about live, public services."""

import copy
import dataclasses
import functools
import json
import math
from pathlib import Path

from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt

from directory import search as directory_search
from directory.models import ServiceLocation, ServicePage, ServiceSchedule, Taxonomy, TaxonomyTerm

from . import params, serializers
from .params import ApiError

VERSION = "HSDS-UK-3.0"
PROFILE_URL = "https://github.com/OpenReferralUK/uk-profile"
OPENAPI_FILE = Path(__file__).with_name("openapi.json")
TermThrough = ServicePage.terms.through
AreaThrough = ServicePage.council_areas.through


def error(status, message):
    return JsonResponse({"status": status, "message": message}, status=status)


def api_view(view):
    """Read-only JSON for anyone: GET only, open CORS, every refusal a JSON message."""

    @csrf_exempt
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
            response["Access-Control-Max-Age"] = "86400"
        elif request.method not in ("GET", "HEAD"):
            response = error(405, "This API is read-only: use GET.")
            response["Allow"] = "GET, HEAD, OPTIONS"
        else:
            try:
                response = view(request, *args, **kwargs)
            except ApiError as problem:
                response = error(problem.status, problem.message)
        response["Access-Control-Allow-Origin"] = "*"
        return response

    return wrapped


def live_services():
    """Live services that anyone may read: the only services the API ever shows (as in the directory)."""
    return directory_search.live_services()


def visible_locations():
    """Locations that are not hidden; what may be shown of them is decided by ServiceLocation.publication."""
    return ServiceLocation.objects.published()


def with_nested(services):
    """Everything a fully nested service needs, in a fixed number of queries."""
    return services.select_related("organisation").prefetch_related(
        Prefetch("terms", queryset=TaxonomyTerm.objects.select_related("taxonomy")),
        Prefetch("locations", queryset=visible_locations().select_related("council_area")),
        "schedules",
        "council_areas",
    )


def covering(area):
    """Services found for a council area, by the directory's own definition."""
    return directory_search.area_q(area)


def filter_services(services, filters):
    """Apply every filter but the search text."""
    if filters.taxonomy_term_id:
        terms = TermThrough.objects.filter(taxonomyterm__uuid=filters.taxonomy_term_id)
        services = services.filter(pk__in=terms.values("servicepage_id"))
    if filters.taxonomy_id:
        terms = TermThrough.objects.filter(taxonomyterm__taxonomy__uuid=filters.taxonomy_id)
        services = services.filter(pk__in=terms.values("servicepage_id"))
    if filters.minimum_age is not None:
        services = services.filter(minimum_age__gte=math.ceil(filters.minimum_age))
    if filters.maximum_age is not None:
        services = services.filter(maximum_age__lte=math.floor(filters.maximum_age))
    if filters.has_schedule_filter:
        services = services.filter(pk__in=matching_schedules(filters).values("service_id"))
    if filters.modified_after:
        after = filters.modified_after
        services = services.filter(Q(last_published_at__gte=after) | Q(organisation__updated_at__gte=after))
    if filters.council_area:
        services = services.filter(covering(filters.council_area))
    return services


def matching_schedules(filters):
    """Opening times on the day asked for, opening at or after start_time and closing by end_time."""
    schedules = ServiceSchedule.objects.all()
    if filters.day is not None:
        schedules = schedules.filter(weekday=filters.day)
    if filters.start_time is not None:
        schedules = schedules.filter(opens_at__gte=filters.start_time)
    if filters.end_time is not None:
        schedules = schedules.filter(closes_at__lte=filters.end_time)
    return schedules


def search_services(live, services, filters):
    """Wagtail search (database backend or Elasticsearch) over the filtered services, best match first."""
    searchable = directory_search.searchable_services()
    ids = list(services.values_list("pk", flat=True))
    return searchable.filter(id__in=ids).search(filters.search) if ids else []


def paginate(results, page, per_page):
    """(paginator, items of the page); a page past the last is a 404."""
    paginator = Paginator(results, per_page)
    if page > paginator.num_pages:
        raise ApiError(f"There is no page {page}: the last page is {paginator.num_pages}.", status=404)
    return paginator, list(paginator.page(page).object_list)


def page_response(paginator, page, contents):
    return JsonResponse(
        {
            "total_items": paginator.count,
            "total_pages": paginator.num_pages,
            "page_number": page,
            "size": len(contents),
            "first_page": page == 1,
            "last_page": page == paginator.num_pages,
            "empty": paginator.count == 0,
            "contents": contents,
        }
    )


def found_or_404(queryset, text, what):
    """The one object whose UUID the text is, or a 404 (also for text that is not a UUID)."""
    uuid = params.parse_uuid(text)
    found = queryset.filter(uuid=uuid).first() if uuid else None
    if found is None:
        raise ApiError(f"There is no {what} with that id.", status=404)
    return found


@api_view
def root(request):
    """What this API is, and where its OpenAPI document is."""
    return JsonResponse(
        {
            "version": VERSION,
            "profile": PROFILE_URL,
            "openapi_url": request.build_absolute_uri(reverse("openreferral:openapi")),
        }
    )


@functools.cache
def openapi_document():
    return json.loads(OPENAPI_FILE.read_text())


@api_view
def openapi(request):
    """The OpenAPI document of this API, with this server's address."""
    document = copy.deepcopy(openapi_document())
    document["servers"] = [{"url": request.build_absolute_uri(reverse("openreferral:root")).rstrip("/")}]
    return JsonResponse(document)


@api_view
def services(request):
    """Services, a page at a time, filtered; one-to-one fields only unless full=true."""
    page, per_page = params.paging(request.GET)
    filters = params.service_filters(request.GET)
    full = params.boolean(request.GET, "full")
    live = live_services()
    matches = filter_services(live, filters)
    if filters.search:
        results = search_services(live, matches, filters)
    else:
        results = matches.order_by("title", "pk").values_list("pk", flat=True)
    paginator, chosen = paginate(results, page, per_page)
    ids = [getattr(item, "pk", item) for item in chosen]
    loaded = live.filter(pk__in=ids).select_related("organisation")
    by_pk = {service.pk: service for service in (with_nested(loaded) if full else loaded)}
    serialize = serializers.service_data if full else serializers.service_summary
    return page_response(paginator, page, [serialize(by_pk[pk], request) for pk in ids if pk in by_pk])


@api_view
def service(request, pk):
    """One fully nested service."""
    found = found_or_404(with_nested(live_services()), pk, "service")
    return JsonResponse(serializers.service_data(found, request))


@api_view
def service_at_locations(request):
    """Each service at each of its published locations, a page at a time, filtered."""
    page, per_page = params.paging(request.GET)
    filters = params.service_filters(request.GET)
    area = filters.council_area
    live = live_services()
    services = filter_services(live, dataclasses.replace(filters, council_area=None))
    if filters.search:
        found = directory_search.searchable_services().search(filters.search)
        services = services.filter(pk__in=[match.pk for match in found])
    locations = visible_locations().filter(service__in=services.values("pk"))
    if area:
        locations = locations.filter(Q(council_area=area) | Q(service__in=live.filter(covering(area)).values("pk")))
    locations = locations.select_related("service", "service__organisation", "council_area").order_by(
        "service__title", "service_id", "sort_order", "pk"
    )
    paginator, chosen = paginate(locations, page, per_page)
    contents = []
    for location in chosen:
        place = location.publication()
        if place is not None:
            item = serializers.service_at_location_data(location.service, place)
            item["service"] = serializers.service_summary(location.service, request)
            contents.append(item)
    return page_response(paginator, page, contents)


@api_view
def service_at_location(request, pk):
    """One service at one of its published locations, fully nested."""
    wanted = params.parse_uuid(pk)
    live = live_services()
    pairs = visible_locations().filter(service__in=live.values("pk")).values_list("pk", "uuid", "service__uuid")
    match = next(
        (
            location_pk
            for location_pk, location_uuid, service_uuid in (pairs if wanted else [])
            if serializers.service_at_location_id(service_uuid, location_uuid) == wanted
        ),
        None,
    )
    if match is None:
        raise ApiError("There is no service at location with that id.", status=404)
    location = visible_locations().select_related("council_area").get(pk=match)
    service = with_nested(live).get(pk=location.service_id)
    data = serializers.service_at_location_data(service, location.publication())
    data["service"] = serializers.service_data(service, request)
    return JsonResponse(data)


@api_view
def taxonomies(request):
    """The directory's vocabularies, a page at a time."""
    page, per_page = params.paging(request.GET)
    paginator, chosen = paginate(Taxonomy.objects.order_by("name", "pk"), page, per_page)
    return page_response(paginator, page, [serializers.taxonomy_data(taxonomy) for taxonomy in chosen])


@api_view
def taxonomy(request, pk):
    """One vocabulary with its terms."""
    found = found_or_404(Taxonomy.objects.all(), pk, "taxonomy")
    terms = found.terms.select_related("taxonomy").order_by("sort_order", "name", "pk")
    return JsonResponse(serializers.taxonomy_data(found, terms))


@api_view
def taxonomy_terms(request):
    """Terms of every vocabulary (or of one, with taxonomy_id), a page at a time."""
    page, per_page = params.paging(request.GET)
    terms = TaxonomyTerm.objects.select_related("taxonomy").order_by("taxonomy__name", "sort_order", "name", "pk")
    taxonomy_id = params.uuid_param(request.GET, "taxonomy_id")
    if taxonomy_id:
        terms = terms.filter(taxonomy__uuid=taxonomy_id)
    paginator, chosen = paginate(terms, page, per_page)
    return page_response(paginator, page, [serializers.term_data(term) for term in chosen])


@api_view
def taxonomy_term(request, pk):
    """One term."""
    return JsonResponse(
        serializers.term_data(found_or_404(TaxonomyTerm.objects.select_related("taxonomy"), pk, "term"))
    )


@api_view
def not_found(request, *args, **kwargs):
    """Anything else under the API's address."""
    raise ApiError(f"There is nothing at this address. The API starts at {reverse('openreferral:root')}.", 404)
