"""Writing audit events, and the request context they are written from.

`AuditContextMiddleware` puts the current request in a contextvar; the access policy
(`clients.access.get_client` / `own_client`) then calls `record_access` for each client record
a view opens, without views passing the request around. Outside a request (Celery tasks,
the shell, management commands) nothing is recorded by the policy hook: those are not
people looking at records. Explicit events (export, erasure, login) call `record`.
"""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass, field

from django.conf import settings

from rowsecurity.scope import acting_for_practice, current_practice

from .models import AuditAction, AuditEvent
from .scrub import scrub_path

_SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
_WRITE_VERBS = {AuditAction.DELETE, AuditAction.EXPORT, AuditAction.ERASE}


@dataclass
class RequestContext:
    request: object
    # (client_id, kind, action) already written in this request: a page that asks the
    # policy twice for the same record leaves one row.
    seen: set = field(default_factory=set)


_current: ContextVar[RequestContext | None] = ContextVar("securebase_audit_request", default=None)


def enter(request) -> object:
    return _current.set(RequestContext(request=request))


def leave(token) -> None:
    _current.reset(token)


def current_request():
    ctx = _current.get()
    return ctx.request if ctx else None


def client_ip(request) -> str | None:
    if request is None:
        return None
    # Behind our own proxy the last X-Forwarded-For hop is the one the proxy added; earlier
    # hops are whatever the client claimed.
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-1][:45]
    return request.META.get("REMOTE_ADDR") or None


def record(
    action: str,
    *,
    actor=None,
    client_id: int | None = None,
    practice_id: int | None = None,
    kind: str = "",
    request=None,
) -> AuditEvent:
    """Write one event now. `request` defaults to the current one (for IP and path)."""
    request = request if request is not None else current_request()
    if actor is None and request is not None:
        user = getattr(request, "user", None)
        actor = user if getattr(user, "is_authenticated", False) else None
    if practice_id is None and actor is not None:
        practice_id = getattr(actor, "practice_id", None)
    if practice_id != current_practice():
        # Someone not logged in yet (a wrong password or code): their practice's trail, which
        # this request does not act for (row-level security).
        with acting_for_practice(practice_id):
            return _write(action, actor, practice_id, kind, client_id, request)
    return _write(action, actor, practice_id, kind, client_id, request)


def _write(action, actor, practice_id, kind, client_id, request) -> AuditEvent:
    return AuditEvent.objects.create(
        actor=actor,
        actor_role=getattr(actor, "role", "") or "",
        practice_id=practice_id,
        action=action,
        kind=kind[:40],
        client_id=client_id,
        ip=client_ip(request),
        method=(request.method or "")[:8] if request is not None else "",
        path=scrub_path(request.path)[:300] if request is not None else "",
    )


def record_access(user, client, *, kind: str = "record", allowed: bool = True) -> None:
    """Called by the access policy each time a view opens a client's record.

    GET-like requests are views, other methods changes; a refusal inside the client's own
    practice is recorded as such (across practices nothing is written: that practice's
    trail must not learn of the attempt, and the other one has no business with it).
    """
    ctx = _current.get()
    if ctx is None:
        return
    request = ctx.request
    if getattr(request, "user", None) is not user and getattr(getattr(request, "user", None), "pk", None) != getattr(
        user, "pk", None
    ):
        return
    # A view may name the verb of its write in the kind: "diary:delete" records a deletion of
    # diary data, "export" an export; otherwise a write is a change.
    kind, _, verb = kind.partition(":")
    if kind == "export":
        verb = verb or AuditAction.EXPORT
    if not allowed:
        if client.practice_id != getattr(user, "practice_id", None):
            return
        action = AuditAction.DENIED
    elif request.method in _SAFE_METHODS:
        action = AuditAction.VIEW
    elif verb in _WRITE_VERBS:
        action = AuditAction(verb)
    elif request.method == "DELETE":
        action = AuditAction.DELETE
    else:
        action = AuditAction.CHANGE
    key = (client.pk, kind, action)
    if key in ctx.seen:
        return
    ctx.seen.add(key)
    record(action, actor=user, client_id=client.pk, practice_id=client.practice_id, kind=kind, request=request)
