"""The query string of the Open Referral API: every parameter checked, every problem a clear 4xx."""

import dataclasses
import datetime
import re
import uuid
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from core.facets import backend_query, clean_query
from directory.postcodes import lookup_postcode

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 100
MAX_PAGE = 100_000
DAYS = {"MO": 1, "TU": 2, "WE": 3, "TH": 4, "FR": 5, "SA": 6, "SU": 7}
DAY_NAMES = {"MONDAY": 1, "TUESDAY": 2, "WEDNESDAY": 3, "THURSDAY": 4, "FRIDAY": 5, "SATURDAY": 6, "SUNDAY": 7}
TIME_RE = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$")
AGE_RE = re.compile(r"^\d{1,3}(\.\d{1,2})?$")
TRUE, FALSE = {"true", "1", "yes"}, {"false", "0", "no"}


class ApiError(Exception):
    """A request the API answers with a JSON message and a 4xx status."""

    def __init__(self, message, status=400):
        super().__init__(message)
        self.message = message
        self.status = status


def single(params, name):
    """The one value of a parameter ('' if absent); a parameter given twice is an error."""
    values = params.getlist(name)
    if len(values) > 1:
        raise ApiError(f"Give the '{name}' parameter only once.")
    return values[0].strip() if values else ""


def whole_number(params, name, default, highest):
    text = single(params, name)
    if not text:
        return default
    if not (text.isascii() and text.isdigit()) or len(text) > 7 or not 1 <= int(text) <= highest:
        raise ApiError(f"'{name}' must be a whole number from 1 to {highest}.")
    return int(text)


def paging(params):
    """(page, per_page): page from 1, per_page from 1 to MAX_PER_PAGE."""
    return whole_number(params, "page", 1, MAX_PAGE), whole_number(params, "per_page", DEFAULT_PER_PAGE, MAX_PER_PAGE)


def parse_uuid(text):
    """A UUID from its usual text form, or None."""
    try:
        return uuid.UUID(text) if len(text) <= 36 else None
    except ValueError:
        return None


def uuid_param(params, name):
    text = single(params, name)
    if not text:
        return None
    value = parse_uuid(text)
    if value is None:
        raise ApiError(f"'{name}' must be an id (a UUID such as 3f7b145d-84af-42d7-8fae-eaca714b02b2).")
    return value


def boolean(params, name):
    text = single(params, name).lower()
    if text and text not in TRUE | FALSE:
        raise ApiError(f"'{name}' must be true or false.")
    return text in TRUE


def search_text(params):
    """The search text made ready for the search backend, or ''; too long a text is refused."""
    raw = single(params, "search")
    limit = settings.SEARCH_MAX_QUERY_LENGTH
    if len(raw) > limit:
        raise ApiError(f"'search' must be at most {limit} characters.")
    return backend_query(clean_query(raw)[0])


def age(params, name):
    text = single(params, name)
    if not text:
        return None
    if not AGE_RE.match(text) or Decimal(text) > 150:
        raise ApiError(f"'{name}' must be an age in years, a number from 0 to 150.")
    return Decimal(text)


def time_of_day(params, name):
    text = single(params, name)
    if not text:
        return None
    match = TIME_RE.match(text)
    if not match:
        raise ApiError(f"'{name}' must be a time of day as HH:MM or HH:MM:SS, for example 09:30.")
    return datetime.time(int(match[1]), int(match[2]), int(match[3] or 0))


def weekday(params):
    text = single(params, "day").upper()
    if not text:
        return None
    if text not in DAYS and text not in DAY_NAMES:
        raise ApiError("'day' must be a day of the week: MO, TU, WE, TH, FR, SA, SU or its name, e.g. Monday.")
    return DAYS.get(text) or DAY_NAMES[text]


def moment(params, name):
    """An aware datetime from an ISO 8601 date or date and time (UK time when no offset is given)."""
    text = single(params, name)
    if not text:
        return None
    try:
        value = parse_datetime(text)
        if value is None and parse_date(text) is not None:
            value = datetime.datetime.combine(parse_date(text), datetime.time())
    except ValueError:
        value = None
    if value is None:
        raise ApiError(
            f"'{name}' must be an ISO 8601 date or date and time, e.g. 2025-01-31 or 2025-01-31T09:00:00Z "
            "(write a + in an offset as %2B)."
        )
    return timezone.make_aware(value) if timezone.is_naive(value) else value


def council_area(params):
    """The council area of the 'postcode' parameter, or None when there is none."""
    text = single(params, "postcode")
    if not text:
        return None
    if len(text) > 16:
        raise ApiError("That does not look like a postcode. Give one like EH1 1AA.")
    result = lookup_postcode(text)
    if result.council_area is None:
        raise ApiError(result.message)
    return result.council_area


def proximity(params, has_postcode):
    text = single(params, "proximity")
    if not text:
        return None
    if not (text.isascii() and text.isdigit()) or len(text) > 7 or int(text) < 1:
        raise ApiError("'proximity' must be a whole number of metres from 1 to 9999999.")
    if not has_postcode:
        raise ApiError("'proximity' needs a 'postcode'.")
    return int(text)


@dataclass(frozen=True)
class ServiceFilters:
    """The filters of /services and /service_at_locations, checked."""

    search: str = ""
    taxonomy_term_id: uuid.UUID | None = None
    taxonomy_id: uuid.UUID | None = None
    minimum_age: Decimal | None = None
    maximum_age: Decimal | None = None
    day: int | None = None
    start_time: datetime.time | None = None
    end_time: datetime.time | None = None
    modified_after: datetime.datetime | None = None
    council_area: object = None
    proximity: int | None = None

    @property
    def narrows(self):
        """True when any filter other than the search text is set."""
        return dataclasses.replace(self, search="") != ServiceFilters()

    @property
    def has_schedule_filter(self):
        return self.day is not None or self.start_time is not None or self.end_time is not None


def service_filters(params):
    """Read every filter; the first bad one raises ApiError."""
    area = council_area(params)
    return ServiceFilters(
        search=search_text(params),
        taxonomy_term_id=uuid_param(params, "taxonomy_term_id"),
        taxonomy_id=uuid_param(params, "taxonomy_id"),
        minimum_age=age(params, "minimum_age"),
        maximum_age=age(params, "maximum_age"),
        day=weekday(params),
        start_time=time_of_day(params, "start_time"),
        end_time=time_of_day(params, "end_time"),
        modified_after=moment(params, "modified_after"),
        council_area=area,
        proximity=proximity(params, area is not None),
    )
