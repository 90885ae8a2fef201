"""While the database is unreachable, every request answers 503 with Retry-After and a page in
the person's language saying that what they sent was not saved and that they can try again.

Django turns an exception into a response at every middleware layer, so the outage is
recognised where that happens, in the error handlers (config/urls.py: handler500 for an
OperationalError anywhere, handler400 for the session that could not be saved because of one),
and once more by DatabaseOutageMiddleware, outside every middleware that uses the database
(the session, the practice scope of row-level security, the idle timeout): a response of 400
or 500 to a request during which a query failed for want of a database becomes the same 503.
One log line per request, no traceback: an outage is not a bug, and a traceback for each of
hundreds of requests hides the one line that matters.
"""

from __future__ import annotations

import logging
import sys

from django.db import InterfaceError, OperationalError, connections
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.views import defaults

log = logging.getLogger("securebase.outage")

RETRY_AFTER_SECONDS = 30
_OUTAGE = (OperationalError, InterfaceError)
# SQLite reports mistakes in a query as OperationalError too; those are bugs (a 500 with the
# error logged), not a database that is away.
_SQLITE_MISTAKES = ("no such column", "no such table", "has no column named", "syntax error")


def is_outage(error: BaseException) -> bool:
    if not isinstance(error, _OUTAGE):
        return False
    text = str(error)
    return not any(mistake in text for mistake in _SQLITE_MISTAKES)


def database_outage(exc: BaseException | None) -> BaseException | None:
    """The database error behind `exc` (itself, its cause or its context), if there is one."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        if is_outage(exc):
            return exc
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return None


def outage_response(request, error: BaseException) -> HttpResponse:
    # Rendered without the request: the context processors read the database.
    body = render_to_string("503_database.html", {"was_post": request.method == "POST"})
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    response._has_been_logged = True  # Django logs no traceback for it; this is the one line
    first_line = (str(error).strip().splitlines() or [""])[0][:160]
    log.warning(
        "database unavailable: %s %s -> 503 (%s: %s)", request.method, request.path, type(error).__name__, first_line
    )
    return response


def server_error(request):
    error = database_outage(sys.exc_info()[1])
    if error is not None:
        return outage_response(request, error)
    return defaults.server_error(request)


def bad_request(request, exception):
    error = database_outage(exception)
    if error is not None:
        return outage_response(request, error)
    return defaults.bad_request(request, exception)


class DatabaseOutageMiddleware:
    """Outside every middleware that queries: notes a query that failed for want of a database
    and turns a 400 or 500 answer to that request into the 503 page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        failures: list[BaseException] = []

        def watch(execute, sql, params, many, context):
            try:
                return execute(sql, params, many, context)
            except _OUTAGE as error:
                if is_outage(error):
                    failures.append(error)
                raise

        connection = connections["default"]
        with connection.execute_wrapper(watch):
            response = self.get_response(request)
        if not failures:
            return response
        # A connection that failed is not kept for the next request (it would fail again).
        try:
            connection.close()
        except Exception:  # noqa: BLE001, S110 - closing a broken connection may itself fail
            pass
        if response.status_code in (400, 500):
            return outage_response(request, failures[-1])
        return response
