"""What the compose stack promises an operator, read from its files (no Docker engine runs on these machines;
tests/deploy/test_proxy.py runs the nginx half for real)."""

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
SERVICES = COMPOSE["services"]


def test_app_processes_start_after_the_one_shot_migration() -> None:
    assert "alembic upgrade head" in " ".join(SERVICES["migrate"]["command"])
    for name in ("backend", "documents", "worker"):
        assert SERVICES[name]["depends_on"]["migrate"] == {"condition": "service_completed_successfully"}
        assert "alembic" not in str(SERVICES[name].get("command", ""))  # replicas never race on migrations
    assert SERVICES["migrate"]["depends_on"]["db"] == {"condition": "service_healthy"}
    assert SERVICES["nginx"]["depends_on"]["backend"] == {"condition": "service_healthy"}
    for name in ("db", "redis"):
        assert SERVICES[name]["healthcheck"]["test"]


def test_secrets_come_from_files_never_from_the_environment() -> None:
    for name, service in SERVICES.items():
        env = service.get("environment", {})
        assert not {"ZS_SECRET_KEY", "ZS_DATABASE_PASSWORD", "POSTGRES_PASSWORD"} & set(env), name
        assert ":" not in re.sub(r"^[a-z+]+://", "", env.get("ZS_DATABASE_URL", "")).split("@")[0], name
    assert SERVICES["backend"]["environment"]["ZS_SECRET_KEY_FILE"] == "/run/secrets/secret_key"
    assert set(COMPOSE["secrets"]) == {"secret_key", "db_password", "app_db_password"}


def test_the_app_connects_as_a_role_that_owns_nothing_and_migrations_as_the_owner() -> None:
    for name in ("backend", "documents", "worker"):
        env = SERVICES[name]["environment"]
        assert env["ZS_DATABASE_URL"].startswith("postgresql+psycopg://zs_app@")
        assert "db_password" not in SERVICES[name]["secrets"]
    migrate = SERVICES["migrate"]
    assert migrate["environment"]["ZS_DATABASE_URL"].startswith("postgresql+psycopg://zhaoshang@")
    assert "zhaoshang grant-app-role zs_app" in " ".join(migrate["command"])


def test_images_run_unprivileged_with_a_command_and_a_health_check() -> None:
    backend = (ROOT / "docker" / "backend.Dockerfile").read_text(encoding="utf-8")
    assert re.search(r"^USER zs$", backend, re.M) and "useradd --system --uid 10001" in backend
    assert re.search(r"^CMD ", backend, re.M) and re.search(r"^HEALTHCHECK ", backend, re.M)
    assert "--no-proxy-headers" in backend  # the app decides which forwarded address to believe
    frontend = (ROOT / "docker" / "frontend.Dockerfile").read_text(encoding="utf-8")
    assert re.search(r"^HEALTHCHECK ", frontend, re.M)


def test_the_build_context_leaves_out_dependencies_databases_and_secrets() -> None:
    ignored = set((ROOT / ".dockerignore").read_text(encoding="utf-8").split())
    assert {".git", ".venv", "**/node_modules", "var", ".env", ".env.*", "*.db", "secrets"} <= ignored


def test_nginx_sends_the_generated_documents_to_a_process_of_their_own() -> None:
    """The same app as the API, reached under its own upstream (tests/deploy/test_proxy.py checks the routing)."""
    documents, nginx = SERVICES["documents"], SERVICES["nginx"]
    for key in ("build", "environment", "secrets", "volumes"):
        assert documents[key] == SERVICES["backend"][key], key
    assert "command" not in documents  # the image's own uvicorn, as the backend's
    assert nginx["environment"]["ZS_DOCUMENTS_UPSTREAM"] == "documents:8000"
    assert nginx["depends_on"]["documents"] == {"condition": "service_healthy"}
    template = (ROOT / "docker" / "nginx" / "zhaoshang.conf.template").read_text(encoding="utf-8")
    assert "server ${ZS_DOCUMENTS_UPSTREAM};" in template
    frontend = (ROOT / "docker" / "frontend.Dockerfile").read_text(encoding="utf-8")
    assert "ZS_DOCUMENTS_UPSTREAM=documents:8000" in frontend
