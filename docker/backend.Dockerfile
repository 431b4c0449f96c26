FROM python:3.11-slim
WORKDIR /srv
COPY pyproject.toml alembic.ini ./
COPY backend backend
COPY migrations migrations
RUN pip install --no-cache-dir .
ENV PYTHONPATH=/srv/backend
EXPOSE 8000
