"""Directory objects as Open Referral UK (HSDS 3.0) JSON.

Every location goes through `ServiceLocation.publication()`: a hidden location gives nothing at all, a
town-only one gives its town, postcode district and rounded coordinates, never its street.
"""

import datetime
import html
import uuid

from django.utils.html import strip_tags

SCOTLAND_GSS = "S92000003"
GEOGRAPHY_URI = "http://statistics.data.gov.uk/id/statistical-geography/"
TOWN_ONLY_NOTE = "Only the town is published for this location. Contact the service to find out where to go."


def child_id(parent_uuid, *parts):
    """A stable UUID for something that has no UUID of its own, derived from its parent's."""
    return str(uuid.uuid5(parent_uuid, "/".join(str(part) for part in parts)))


def service_at_location_id(service_uuid, location_uuid):
    """The id of a service at a location: uuid5 of the service's UUID and the location's."""
    return uuid.uuid5(service_uuid, str(location_uuid))


def timestamp(value):
    """UTC with milliseconds, as HSDS asks: 2025-01-31T09:00:00.000Z."""
    return value.astimezone(datetime.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def plain_text(rich_text):
    return " ".join(html.unescape(strip_tags(rich_text or "")).split())


def without_blanks(data):
    """Drop optional fields that have no value, so no field is null or an empty list."""
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def published_locations(service):
    """The service's publishable locations, in order (hidden ones left out): ServiceLocation decides."""
    return service.published_locations()


def location_data(place):
    data = {"id": str(place.id), "name": place.name, "description": TOWN_ONLY_NOTE if place.town_only else ""}
    if place.coordinates:
        data["latitude"], data["longitude"] = place.coordinates
    data["location_type"] = "physical"
    data["addresses"] = [address_data(place)]
    return without_blanks(data)


def address_data(place):
    # address_1, city, state_province, postal_code, country and address_type are required by the
    # UK profile, so they are always present, even when empty.
    data = {
        "id": child_id(place.id, "address"),
        "location_id": str(place.id),
        "address_1": place.address_1,
    }
    if place.address_2:
        data["address_2"] = place.address_2
    data["city"] = place.town
    if place.council_area:
        data["region"] = place.council_area
    data.update(state_province="Scotland", postal_code=place.postcode, country="GB", address_type="physical")
    return data


def service_at_location_data(service, place):
    """A service at one of its published locations, without the service itself."""
    return {
        "id": str(service_at_location_id(service.uuid, place.id)),
        "service_id": str(service.uuid),
        "location_id": str(place.id),
        "location": location_data(place),
    }


def organisation_data(organisation, *, full=False):
    data = without_blanks(
        {
            "id": str(organisation.uuid),
            "name": organisation.name,
            "description": organisation.summary,
            "email": organisation.email,
            "website": organisation.website,
        }
    )
    data.setdefault("description", "")
    if full and organisation.charity_number:
        data["organization_identifiers"] = [
            {
                "id": child_id(organisation.uuid, "oscr"),
                "organization_id": str(organisation.uuid),
                "identifier_scheme": "GB-SC",
                "identifier_type": "Scottish charity number",
                "identifier": organisation.charity_number,
            }
        ]
    return data


def last_modified(service):
    """When the service, or the organisation it belongs to, last changed."""
    moments = [m for m in (service.last_published_at, service.organisation.updated_at) if m is not None]
    return max(moments) if moments else None


def service_summary(service, request):
    """The service's one-to-one fields and its organisation, for lists."""
    modified = last_modified(service)
    data = without_blanks(
        {
            "id": str(service.uuid),
            "organization_id": str(service.organisation.uuid),
            "name": service.title,
            "description": plain_text(service.description) or service.summary,
            "url": service.website or service.get_full_url(request),
            "email": service.email,
            "status": "active",
            "fees_description": service.cost,
            "eligibility_description": service.eligibility,
            "application_process": service.how_to_refer,
            "minimum_age": service.minimum_age,
            "maximum_age": service.maximum_age,
            "assured_date": service.last_checked.isoformat() if service.last_checked else None,
            "last_modified": timestamp(modified) if modified else None,
        }
    )
    data["organization"] = organisation_data(service.organisation)
    return data


def service_data(service, request):
    """A fully nested service: needs locations, schedules, terms (with taxonomy) and council areas prefetched."""
    data = service_summary(service, request)
    data["organization"] = organisation_data(service.organisation, full=True)
    terms = list(service.terms.all())
    data.update(
        schedules=[schedule_data(service, schedule) for schedule in service.schedules.all()],
        service_areas=service_areas(service),
        service_at_locations=[service_at_location_data(service, place) for place in published_locations(service)],
        languages=[
            {"id": child_id(service.uuid, "language", term.uuid), "service_id": str(service.uuid)}
            | without_blanks({"name": term.name, "code": term.code})
            for term in terms
            if term.taxonomy.slug == "language"
        ],
        contacts=contacts(service),
        attributes=[attribute_data(service, term) for term in terms],
    )
    if service.hours_notes and not data["schedules"]:
        data["schedules"] = [
            {"id": child_id(service.uuid, "hours"), "service_id": str(service.uuid), "notes": service.hours_notes}
        ]
    return data


def schedule_data(service, schedule):
    data = {
        "id": child_id(service.uuid, "schedule", schedule.pk),
        "service_id": str(service.uuid),
        "freq": "WEEKLY",
        "byday": schedule.byday,
        "opens_at": schedule.opens_at.strftime("%H:%M"),
        "closes_at": schedule.closes_at.strftime("%H:%M"),
        "description": f"{schedule.get_weekday_display()} {schedule.opens_at:%H:%M} to {schedule.closes_at:%H:%M}",
    }
    if service.hours_notes:
        data["notes"] = service.hours_notes
    return data


def service_areas(service):
    if service.scotland_wide:
        areas = [(SCOTLAND_GSS, "Scotland")]
    else:
        areas = [(area.gss_code, area.name) for area in service.council_areas.all()]
    return [
        {
            "id": child_id(service.uuid, "service_area", code),
            "service_id": str(service.uuid),
            "name": name,
            "service_area": name,
            "uri": GEOGRAPHY_URI + code,
        }
        for code, name in areas
    ]


def contacts(service):
    """The service's phone, text number and email as one contact."""
    contact_id = child_id(service.uuid, "contact")
    phones = [
        {
            "id": child_id(service.uuid, kind),
            "contact_id": contact_id,
            "number": number,
            "type": kind,
            "description": label,
        }
        for kind, number, label in (
            ("voice", service.phone, "Phone"),
            ("text", service.text_number, "Text message"),
        )
        if number
    ]
    if not phones and not service.email:
        return []
    contact = {"id": contact_id, "service_id": str(service.uuid), "name": service.title}
    return [contact | without_blanks({"email": service.email, "phones": phones})]


def term_data(term):
    taxonomy = term.taxonomy
    return {
        "id": str(term.uuid),
        "term": term.name,
        "name": term.name,
        "taxonomy": taxonomy.name,
        "taxonomy_id": str(taxonomy.uuid),
    } | without_blanks({"code": term.code, "description": term.description, "version": taxonomy.version})


def attribute_data(service, term):
    return {
        "id": child_id(service.uuid, "attribute", term.uuid),
        "link_id": str(service.uuid),
        "link_entity": "service",
        "taxonomy_term_id": str(term.uuid),
        "taxonomy_term": term_data(term),
    }


def taxonomy_data(taxonomy, terms=None):
    data = {"id": str(taxonomy.uuid), "name": taxonomy.name, "description": taxonomy.description}
    if taxonomy.version:
        data["version"] = taxonomy.version
    if terms is not None:
        data["taxonomy_terms"] = [term_data(term) for term in terms]
    return data
