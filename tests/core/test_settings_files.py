"""Secrets from files (`ZS_*_FILE`, Docker secrets) and a database password kept out of the URL."""

import secrets
from pathlib import Path

import pytest
from sqlalchemy import make_url

from app.core.config import Settings

SECRET = secrets.token_urlsafe(32)


def test_a_setting_is_read_from_its_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "secret_key").write_text(SECRET + "\n", encoding="utf-8")
    monkeypatch.delenv("ZS_SECRET_KEY", raising=False)
    monkeypatch.setenv("ZS_SECRET_KEY_FILE", str(tmp_path / "secret_key"))
    settings = Settings(environment="production", database_url="postgresql+psycopg://zs@db/zs")
    assert settings.secret_key.get_secret_value() == SECRET


def test_both_the_variable_and_its_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "secret_key").write_text("x" * 40, encoding="utf-8")
    monkeypatch.setenv("ZS_SECRET_KEY", "y" * 40)
    monkeypatch.setenv("ZS_SECRET_KEY_FILE", str(tmp_path / "secret_key"))
    with pytest.raises(ValueError, match="ZS_SECRET_KEY and ZS_SECRET_KEY_FILE are both set"):
        Settings(environment="production", database_url="postgresql+psycopg://zs@db/zs")


def test_an_unreadable_file_says_which(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ZS_SECRET_KEY", raising=False)
    monkeypatch.setenv("ZS_SECRET_KEY_FILE", str(tmp_path / "missing"))
    with pytest.raises(ValueError, match="ZS_SECRET_KEY_FILE=.*missing: cannot read it"):
        Settings(environment="production", database_url="postgresql+psycopg://zs@db/zs")


def test_database_password_goes_into_the_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "db_password").write_text("p@ss:w/rd\n", encoding="utf-8")
    monkeypatch.setenv("ZS_DATABASE_PASSWORD_FILE", str(tmp_path / "db_password"))
    settings = Settings(environment="development", database_url="postgresql+psycopg://zhaoshang@db:5432/zhaoshang")
    url = make_url(settings.database_url)
    assert (url.username, url.password, url.host, url.database) == ("zhaoshang", "p@ss:w/rd", "db", "zhaoshang")
