"""What a load run did: per kind of request, throughput, p50/p95/p99 and errors; and what a fault cost.

The locustfile writes one line per request (`at<TAB>kind<TAB>ok<TAB>milliseconds<TAB>error`); these functions read
and sum them, without importing Locust.
"""

import math
from collections import Counter, defaultdict
from dataclasses import dataclass


@dataclass(frozen=True)
class Event:
    at: float  # seconds since the epoch, when the request ended
    kind: str
    ok: bool
    ms: float
    error: str = ""


def event_line(at, kind, ok, ms, error=""):
    clean = str(error).replace("\t", " ").replace("\n", " ")[:120]
    return f"{at:.3f}\t{kind}\t{int(bool(ok))}\t{ms:.1f}\t{clean}\n"


def read_events(path):
    events = []
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            at, kind, ok, ms, error = line.rstrip("\n").split("\t", 4)
            events.append(Event(float(at), kind, ok == "1", float(ms), error))
    return events


def percentile(values, fraction):
    """The nearest-rank percentile of `values` (0 for none)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


@dataclass(frozen=True)
class Row:
    kind: str
    count: int
    per_second: float
    p50: float
    p95: float
    p99: float
    errors: int


def summarise(events, seconds):
    """A row per kind of request (by name), then the total."""
    by_kind = defaultdict(list)
    for event in events:
        by_kind[event.kind].append(event)
    seconds = max(seconds, 1e-9)

    def row(kind, group):
        times = [event.ms for event in group]
        failed = sum(not event.ok for event in group)
        return Row(
            kind,
            len(group),
            len(group) / seconds,
            percentile(times, 0.50),
            percentile(times, 0.95),
            percentile(times, 0.99),
            failed,
        )

    return [row(kind, by_kind[kind]) for kind in sorted(by_kind)] + [row("all requests", list(events))]


def format_table(rows):
    width = max([len("request")] + [len(row.kind) for row in rows])
    header = f"{'request':<{width}}  {'count':>7}  {'req/s':>7}  " + "  ".join(
        f"{title:>7}" for title in ("p50 ms", "p95 ms", "p99 ms", "errors")
    )
    lines = [header, "-" * len(header)]
    for row in rows:
        if row.kind == "all requests":
            lines.append("-" * len(header))
        lines.append(
            f"{row.kind:<{width}}  {row.count:>7}  {row.per_second:>7.1f}  {row.p50:>7.0f}  {row.p95:>7.0f}  "
            f"{row.p99:>7.0f}  {row.errors:>7}"
        )
    return "\n".join(lines)


def error_kinds(events):
    """How many failures of each kind of request, by error: {(kind, error): count}."""
    return Counter((event.kind, event.error) for event in events if not event.ok)


@dataclass(frozen=True)
class FaultSummary:
    component: str
    down_seconds: float
    requests_during: int  # requests that ended while the component was away
    failed_during: int
    failed_after: int  # failures once it was back
    recovery_seconds: float | None  # back -> requests succeed again; None if they never did
    health_ok_seconds: float | None  # back -> /health/ says the component is ok; None if it never did


def summarise_fault(events, component, down_at, up_at, health_ok_at=None):
    """What the fault cost: failures while the component was away, and how long after it came back requests kept
    failing (until the last failure followed by a success)."""
    during = [event for event in events if down_at <= event.at < up_at]
    after = sorted((event for event in events if event.at >= up_at), key=lambda event: event.at)
    failed_after = [event for event in after if not event.ok]
    if not failed_after:
        recovery = 0.0
    else:
        last_failure = failed_after[-1].at
        recovered = any(event.ok and event.at > last_failure for event in after)
        recovery = (last_failure - up_at) if recovered else None
    return FaultSummary(
        component,
        up_at - down_at,
        len(during),
        sum(not event.ok for event in during),
        len(failed_after),
        recovery,
        None if health_ok_at is None else max(0.0, health_ok_at - up_at),
    )


def format_fault(summary):
    def seconds(value):
        return "never (within the run)" if value is None else f"{value:.1f} s"

    return "\n".join(
        [
            f"fault: {summary.component} away for {summary.down_seconds:.1f} s",
            f"  requests while away:         {summary.requests_during} ({summary.failed_during} failed)",
            f"  failed after it came back:   {summary.failed_after}",
            f"  recovery (back -> requests succeed again): {seconds(summary.recovery_seconds)}",
            f"  recovery (back -> /health/ reports it ok):  {seconds(summary.health_ok_seconds)}",
        ]
    )
