# PLC Platform: one image for the web (gunicorn), Celery worker and Celery beat processes.
# docker-compose.yml shows the production topology; docker compose build builds this.
# Debian bookworm, pinned: its postgresql-client-15 matches the compose file's postgres:15, so
# `manage.py backup` and `restore` run pg_dump and pg_restore of the server's own major version (a
# newer client's dump can carry settings an older server refuses, such as 17's transaction_timeout).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    MEDIA_ROOT=/app/media \
    WEB_CONCURRENCY=3

# A fixed, unprivileged user: nothing in the container runs as root.
RUN groupadd --system --gid 10001 plc \
    && useradd --system --uid 10001 --gid plc --home-dir /app --no-create-home --shell /usr/sbin/nologin plc

WORKDIR /app

# Dependencies first, so a code change does not reinstall them. Every package ships a wheel for
# this platform (psycopg-binary included), so no compiler is needed.
# Pango (and HarfBuzz's subsetter) for WeasyPrint, which makes the statement of account's PDF;
# PostgreSQL's client (pg_dump, pg_restore) for `manage.py backup` and `manage.py restore`.
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
        postgresql-client-15 \
    && rm -rf /var/lib/apt/lists/*

COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

COPY . .

# The Welsh catalogues are compiled (.po to .mo) with Debian's gettext, which is removed again.
# Static files are collected into the image (whitenoise serves them). Production settings refuse
# to start without a SECRET_KEY, so collectstatic gets a throwaway one that is never used at run time.
ARG BUILD_SECRET_KEY=collectstatic-only-throwaway-key-not-used-at-run-time
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends gettext \
    && DEBUG=False SECRET_KEY="$BUILD_SECRET_KEY" DATABASE_URL=sqlite:////tmp/build.sqlite3 REDIS_URL= \
        python manage.py compilemessages --verbosity 0 \
    && apt-get purge -y gettext && apt-get autoremove -y && rm -rf /var/lib/apt/lists/* \
    && DEBUG=False SECRET_KEY="$BUILD_SECRET_KEY" DATABASE_URL=sqlite:////tmp/build.sqlite3 REDIS_URL= \
        python manage.py collectstatic --noinput \
    && rm -f /tmp/build.sqlite3 \
    && mkdir -p /app/media \
    && chown plc:plc /app/media

USER plc

EXPOSE 8000

# The compose healthcheck (docker/healthcheck.py) needs only Python: no curl in the image.
# Workers: WEB_CONCURRENCY, which gunicorn reads itself (default 3 above).
# --no-control-socket: gunicorn 27 would otherwise create a control socket under ~/.gunicorn.
# docker/gunicorn.conf.py: bind 0.0.0.0:8000, a 60 s timeout, access log, and no Server header.
CMD ["gunicorn", "plc_platform.wsgi:application", "--no-control-socket", "--config", "docker/gunicorn.conf.py"]
