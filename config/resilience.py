"""Settings that keep the site answering when PostgreSQL or Redis stops (see README, "When
something fails"); config/settings.py takes them from here to stay short."""

from __future__ import annotations

from collections.abc import Mapping

# A broker outage (Redis restarting) must not end a worker: retry the connection for ever, at
# start-up too, and give up on a dead socket within seconds instead of hanging on it.
CELERY_RESILIENCE = {
    "CELERY_BROKER_CONNECTION_RETRY": True,
    "CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP": True,
    "CELERY_BROKER_CONNECTION_MAX_RETRIES": None,
    "CELERY_BROKER_TRANSPORT_OPTIONS": {
        # A late-acknowledged message of a worker that died comes back after this (the tasks
        # take seconds; the reminder requeue task re-sends a lost reminder much sooner anyway).
        "visibility_timeout": 600,
        "socket_timeout": 10,
        "socket_connect_timeout": 5,
        "socket_keepalive": True,
        "retry_on_timeout": True,
        "health_check_interval": 15,
    },
    "CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS": {
        "socket_timeout": 10,
        "socket_connect_timeout": 5,
        "retry_on_timeout": True,
    },
    "CELERY_REDIS_SOCKET_TIMEOUT": 10,
    "CELERY_REDIS_SOCKET_CONNECT_TIMEOUT": 5,
    # With late acknowledgement one message per process is held at a time, so a killed worker
    # strands one message, not a prefetched batch.
    "CELERY_WORKER_PREFETCH_MULTIPLIER": 1,
    # Publishing while Redis is away (a resend, an alert) gives up after a few seconds instead
    # of holding a web request; the requeue task sends what was not published.
    "CELERY_TASK_PUBLISH_RETRY_POLICY": {
        "max_retries": 2,
        "interval_start": 0.2,
        "interval_step": 0.5,
        "interval_max": 1,
    },
}


def postgres_options(environ: Mapping[str, str], options: dict) -> dict:
    """PostgreSQL that stops answering must not hold every web process: a new connection gives
    up after DATABASE_CONNECT_TIMEOUT seconds (the request answers 503, config/outage.py), a
    dead peer is noticed by TCP keepalives within ~11 s, and the server ends a statement, a lock
    wait or an abandoned transaction that runs too long. `migrate` may need more:
    DATABASE_STATEMENT_TIMEOUT=0."""
    limits = " ".join(
        f"-c {name}={environ.get(env, default)}"
        for name, env, default in (
            ("statement_timeout", "DATABASE_STATEMENT_TIMEOUT", "20s"),
            ("lock_timeout", "DATABASE_LOCK_TIMEOUT", "10s"),
            ("idle_in_transaction_session_timeout", "DATABASE_IDLE_TRANSACTION_TIMEOUT", "60s"),
        )
    )
    # No JIT compilation: row-level security policies raise plan cost estimates, and a caseload
    # of 500 clients crossed jit_above_cost, compiling for 150 ms a statement that runs in 18 ms.
    limits += " -c jit=off"
    # No parallel workers either: a web request's query is small, and starting workers took
    # 10-12 ms for a progress-page query that runs in 0.5 ms (row security's estimates again);
    # under load they only take cores from the other requests.
    limits += " -c max_parallel_workers_per_gather=0"
    return {
        "connect_timeout": int(environ.get("DATABASE_CONNECT_TIMEOUT", "5")),
        "tcp_user_timeout": 10000,  # ms: data the server never acknowledges
        **options,
        "options": f"{options.get('options', '')} {limits}".strip(),
        "keepalives": 1,
        "keepalives_idle": 5,
        "keepalives_interval": 2,
        "keepalives_count": 3,
    }
