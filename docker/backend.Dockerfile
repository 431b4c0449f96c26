# The API and the job worker (same image, different command). Multi-stage: build the venv, then copy it into
# a slim runtime that runs as an unprivileged user.
FROM python:3.11-slim AS build
WORKDIR /src
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
COPY pyproject.toml alembic.ini ./
COPY backend backend
COPY migrations migrations
RUN pip install --no-cache-dir --disable-pip-version-check .

FROM python:3.11-slim
# pg_dump/pg_restore of the server's major version for `zhaoshang backup` / `restore`
RUN apt-get update && apt-get install -y --no-install-recommends postgresql-client-15 \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /srv --shell /usr/sbin/nologin zs
COPY --from=build /opt/venv /opt/venv
WORKDIR /srv
COPY --chown=root:root alembic.ini ./
COPY --chown=root:root migrations migrations
ENV PATH=/opt/venv/bin:$PATH PYTHONUNBUFFERED=1 ZS_ENVIRONMENT=production ZS_FILES_DIR=/srv/files \
    ZS_WORKERS=2
RUN mkdir -p /srv/files && chown zs /srv/files
USER zs
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["python", "-c", "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/api/v1/health', timeout=2).status == 200 else 1)"]
CMD ["sh", "-c", "exec uvicorn app.asgi:app --host 0.0.0.0 --port 8000 --workers ${ZS_WORKERS} --no-proxy-headers --no-access-log"]
