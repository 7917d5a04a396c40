"""/health/: for load balancers and monitoring, each component the portal depends on and how it is doing.

{"status": "ok" | "degraded" | "down", "components": {"database": {...}, "cache": {...}, "search": {...},
"tasks": {...}}}, each component with a "status" of "ok", "degraded" or "down". The answer is 503 only when the
database is down (the one thing the portal cannot serve pages without); anything else that is not ok makes the
status "degraded" and the answer stays 200. It is cheap (one query and one Redis ping; Elasticsearch is asked at
most every 30 seconds), names no host, and sets no cookie.
"""

import datetime

from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.utils import timezone
from django_tasks import task_backends
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from core.cache import cache_health
from core.search import search_health

# A task waiting longer than this means the task worker is not running (or cannot keep up).
TASKS_BEHIND_AFTER = datetime.timedelta(minutes=5)


def health(request):
    """The components' health as JSON: 200, or 503 when the database does not answer."""
    database = database_health()
    components = {
        "database": database,
        "cache": cache_health(),
        "search": search_health(database["status"]),
        "tasks": task_queue_health(database["status"]),
    }
    if database["status"] != "ok":
        status = "down"
    elif any(component["status"] != "ok" for component in components.values()):
        status = "degraded"
    else:
        status = "ok"
    response = JsonResponse({"status": status, "components": components}, status=503 if status == "down" else 200)
    response["Cache-Control"] = "private, no-store"
    return response


def database_health():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return {"status": "down"}
    return {"status": "ok"}


def task_queue_health(database_status):
    """With tasks waiting in the database for the worker, how long the oldest ready one has waited: "degraded" after
    TASKS_BEHIND_AFTER (no worker running?), "down" when the queue cannot be read. Other backends run tasks at once."""
    backend = task_backends["default"]
    if not isinstance(backend, DatabaseBackend):
        return {"status": "ok"}
    if database_status != "ok":
        return {"status": "down"}
    try:
        oldest = (
            DBTaskResult.objects.ready()
            .filter(backend_name=backend.alias)
            .order_by("enqueued_at")
            .values_list("enqueued_at", flat=True)
            .first()
        )
    except DatabaseError:
        return {"status": "down"}
    waited = (timezone.now() - oldest) if oldest else datetime.timedelta(0)
    return {
        "status": "degraded" if waited > TASKS_BEHIND_AFTER else "ok",
        "oldest_task_seconds": int(waited.total_seconds()),
    }
