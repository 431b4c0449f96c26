import secrets

import pytest
from pydantic import ValidationError

from app.core.config import DEV_SECRET, Settings

PG = "postgresql+psycopg://zs@db/zs"


def test_default_secret_is_refused_outside_development():
    with pytest.raises(ValidationError, match="ZS_SECRET_KEY"):
        Settings(environment="production", secret_key=DEV_SECRET)
    with pytest.raises(ValidationError):
        Settings(environment="production", secret_key="short")


@pytest.mark.parametrize("weak", ["a" * 36, "ab" * 20, "0123" * 10])
@pytest.mark.parametrize("environment", ["production", "test"])
def test_a_low_entropy_secret_is_refused(weak, environment):
    with pytest.raises(ValidationError, match="ZS_SECRET_KEY"):
        Settings(environment=environment, secret_key=weak)


def test_development_may_use_the_default_secret(monkeypatch):
    monkeypatch.delenv("ZS_SECRET_KEY", raising=False)
    assert Settings(environment="development").secret_key.get_secret_value() == DEV_SECRET


def test_production_accepts_a_real_secret():
    settings = Settings(environment="production", secret_key=secrets.token_urlsafe(32), database_url=PG)
    assert settings.environment == "production"


def test_unset_environment_is_production(monkeypatch):
    """Forgetting ZS_ENVIRONMENT must not fall back to development's public signing key."""
    monkeypatch.delenv("ZS_ENVIRONMENT", raising=False)
    monkeypatch.delenv("ZS_SECRET_KEY", raising=False)
    with pytest.raises(ValidationError, match="ZS_SECRET_KEY.*ZS_ENVIRONMENT=production"):
        Settings(_env_file=None)
    assert Settings(_env_file=None, secret_key=secrets.token_urlsafe(32), database_url=PG).environment == "production"


def test_production_refuses_sqlite():
    with pytest.raises(ValidationError, match="ZS_DATABASE_URL is SQLite.*PostgreSQL"):
        Settings(environment="production", secret_key=secrets.token_urlsafe(32), database_url="sqlite:///x.db")
    ok = Settings(environment="production", secret_key=secrets.token_urlsafe(32), database_url=PG)
    assert ok.environment == "production"
