# The securebase image: web (gunicorn), worker and beat all run from it; see docker-compose.yml.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=config.settings
# gunicorn's worker count; `check --deploy` reads it too (more than one needs a shared CACHE_URL).
# Each worker runs 4 threads (gthread): requests mostly wait on PostgreSQL, and on 2 cores
# 2 workers x 4 threads served 40-60% more than sync workers (bench/http_bench.py).
ENV WEB_CONCURRENCY=2

WORKDIR /app

# Requirements first, so code changes don't reinstall every package.
COPY requirements.txt ./
RUN pip install -r requirements.txt

COPY . .

# Hashed, compressed static files baked into the image; whitenoise serves them.
RUN STATIC_MANIFEST=1 python manage.py collectstatic --noinput \
    && useradd --system --uid 1000 --home-dir /app app \
    && mkdir -p /var/lib/securebase \
    && chown app /var/lib/securebase

USER app
EXPOSE 8000
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--worker-class", "gthread", "--threads", "4", \
     "--access-logfile", "-"]
