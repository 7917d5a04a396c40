"""iCalendar (RFC 5545) text for meetings, written by hand: CRLF line endings, escaped text, folded lines."""

from datetime import UTC, timedelta

from django.conf import settings
from django.utils import timezone

DEFAULT_LENGTH = timedelta(hours=2)
PRODID = "-//National Hub Portal//Multi-agency group//EN"


def escape_text(value):
    """Escape a TEXT value: backslash, semicolon, comma and newlines."""
    value = str(value or "").replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def fold(line):
    """Fold a content line at 75 octets, never splitting a UTF-8 character."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line
    parts, current, limit = [], b"", 75
    for char in line:
        piece = char.encode("utf-8")
        if len(current) + len(piece) > limit:
            parts.append(current.decode("utf-8"))
            current, limit = b"", 74
        current += piece
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def utc_stamp(moment):
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def meeting_event(meeting, request, include_joining_details=False):
    """The VEVENT lines for one meeting."""
    host = request.get_host() if request is not None else "localhost"
    ends_at = meeting.ends_at or meeting.starts_at + DEFAULT_LENGTH
    description = meeting.summary
    if include_joining_details and meeting.joining_details:
        description = f"{description}\n\nHow to join: {meeting.joining_details}".strip()
    location = meeting.location or ("Online" if meeting.online else "")
    lines = [
        "BEGIN:VEVENT",
        f"UID:meeting-{meeting.pk}@{host}",
        f"DTSTAMP:{utc_stamp(timezone.now())}",
        f"LAST-MODIFIED:{utc_stamp(meeting.last_published_at or timezone.now())}",
        f"DTSTART:{utc_stamp(meeting.starts_at)}",
        f"DTEND:{utc_stamp(ends_at)}",
        f"SUMMARY:{escape_text(meeting.title)}",
        f"STATUS:{'CANCELLED' if meeting.is_cancelled else 'CONFIRMED'}",
        f"SEQUENCE:{1 if meeting.is_cancelled else 0}",
    ]
    if location:
        lines.append(f"LOCATION:{escape_text(location)}")
    if description:
        lines.append(f"DESCRIPTION:{escape_text(description)}")
    if request is not None:
        lines.append(f"URL:{escape_text(meeting.get_full_url(request))}")
    lines.append("END:VEVENT")
    return lines


def calendar(meetings, request, name, include_joining_details=False, cancelled=False):
    """A whole VCALENDAR as text, with CRLF line endings."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        f"METHOD:{'CANCEL' if cancelled else 'PUBLISH'}",
        f"X-WR-CALNAME:{escape_text(name)}",
        f"X-WR-TIMEZONE:{settings.TIME_ZONE}",
    ]
    for meeting in meetings:
        lines += meeting_event(meeting, request, include_joining_details)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
