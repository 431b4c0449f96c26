"""One Settings object for the whole app, read from ZS_* environment variables, `ZS_*_FILE` files (Docker
secrets) and `.env`."""

import math
import os
from collections import Counter
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, SecretStr, model_validator
from pydantic.fields import FieldInfo
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict
from sqlalchemy import make_url

ROOT_DIR = Path(__file__).resolve().parents[3]
DEV_SECRET = "dev-only-secret-change-me-0123456789abcdef"  # noqa: S105 - refused outside development


MIN_SECRET_BITS = 128


def estimated_entropy_bits(secret: str) -> float:
    """Shannon estimate from the secret's own character frequencies: "a"*36 is 0 bits, token_urlsafe(32) ~200."""
    counts, n = Counter(secret), len(secret)
    return -n * sum(c / n * math.log2(c / n) for c in counts.values())


class FileSettingsSource(PydanticBaseSettingsSource):
    """`ZS_<NAME>_FILE=/run/secrets/…`: the setting's value is that file's content (trailing newline dropped),
    so secrets need not sit in the environment. Setting both `ZS_<NAME>` and `ZS_<NAME>_FILE` is refused."""

    def get_field_value(self, field: FieldInfo, field_name: str) -> tuple[Any, str, bool]:
        name = f"ZS_{field_name.upper()}"
        path = os.environ.get(f"{name}_FILE")
        if not path:
            return None, field_name, False
        if name in os.environ:
            raise ValueError(f"{name} and {name}_FILE are both set: keep one")
        try:
            return Path(path).read_text(encoding="utf-8").rstrip("\r\n"), field_name, False
        except OSError as exc:
            raise ValueError(f"{name}_FILE={path}: cannot read it ({exc.strerror})") from exc

    def __call__(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, info in self.settings_cls.model_fields.items():
            value, key, _ = self.get_field_value(info, name)
            if value is not None:
                out[key] = value
        return out


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ZS_", env_file=".env", extra="ignore")

    @classmethod
    def settings_customise_sources(cls, settings_cls: type[BaseSettings], init_settings: PydanticBaseSettingsSource,
                                   env_settings: PydanticBaseSettingsSource,
                                   dotenv_settings: PydanticBaseSettingsSource,
                                   file_secret_settings: PydanticBaseSettingsSource,
                                   ) -> tuple[PydanticBaseSettingsSource, ...]:
        return init_settings, env_settings, FileSettingsSource(settings_cls), dotenv_settings

    environment: Literal["development", "test", "production"] = Field(
        default="production", description="production unless told otherwise: scripts/dev.sh says development, "
        "the test harness says test")
    database_url: str = f"sqlite:///{ROOT_DIR / 'var' / 'zhaoshang.db'}"
    secret_key: SecretStr = SecretStr(DEV_SECRET)
    database_password: SecretStr | None = Field(default=None, description="put into the database URL "
                                                "(so the URL itself holds no secret; use ZS_DATABASE_PASSWORD_FILE)")
    jwt_issuer: str = "zhaoshang"
    jwt_audience: str = "zhaoshang-api"
    access_token_minutes: int = 15
    refresh_token_days: int = 14
    login_max_failures: int = 5
    login_lock_minutes: int = 15
    max_body_bytes: int = 2 * 1024 * 1024
    frontend_dist: Path = ROOT_DIR / "frontend" / "dist"
    files_dir: Path = Field(default=ROOT_DIR / "var" / "files",
                            description="files kept beside the database (attachments); backed up with it")
    attachment_max_bytes: int = Field(default=20 * 1024 * 1024, ge=1024, le=1024 * 1024 * 1024,
                                      description="largest attached file (bytes); larger: 413")
    s3_bucket: str = Field(default="", description="attachments in this S3-compatible bucket; empty: in files_dir")
    s3_endpoint_url: str = Field(default="", description="e.g. https://minio.example:9000; empty: AWS")
    s3_region: str = ""
    s3_access_key_id: str = Field(default="", description="empty: boto3's own credential chain")
    s3_secret_access_key: SecretStr | None = None
    audit_checkpoint_file: Path = Field(default=ROOT_DIR / "var" / "audit-checkpoints.jsonl",
                                        description="signed audit-chain heads, kept outside the database")
    trusted_proxies: list[str] = []
    db_pool_size: int = Field(default=10, ge=1, le=200, description="connections kept per process (PostgreSQL)")
    db_max_overflow: int = Field(default=10, ge=0, le=200, description="extra connections under load")
    db_pool_timeout_s: float = Field(default=3, gt=0, le=60, description="wait for a free connection, then 503")
    db_connect_timeout_s: int = Field(default=3, ge=1, le=60)
    db_statement_timeout_ms: int = Field(default=15_000, ge=0, description="a statement running longer is "
                                         "cancelled (503); rollup builds lift it for themselves")
    db_lock_timeout_ms: int = Field(default=5_000, ge=0, description="waiting longer for a row lock: 503")
    requests_at_once: int = Field(default=4, ge=1, le=200, description="PostgreSQL: API requests a process "
                                  "serves at once (at most pool + overflow); the rest wait their turn, which "
                                  "costs nothing, while more at once only contend for the one interpreter lock")
    keepalive_requests: int = Field(default=50, ge=0, le=100_000, description="answers on one keep-alive "
                                    "connection before the client is asked to reconnect (0: never), so that "
                                    "long-lived connections spread over the workers")
    queue_seconds: float = Field(default=5, gt=0, le=60, description="wait to be admitted when every "
                                 "place is taken, then 503")
    sqlite_write_wait_s: float = Field(default=20, gt=0, le=120, description="SQLite: how long a write waits "
                                       "for its turn in the process's write queue, and then for the database's "
                                       "write lock (another process), before 503")
    retry_after_s: int = Field(default=5, ge=1, le=3600, description="Retry-After of a 503")
    jobs_url: str = Field(default=f"sqlite:///{ROOT_DIR / 'var' / 'jobs.db'}",
                          description="background jobs: sqlite:///… (embedded), redis://… (production) or immediate")
    smtp_host: str | None = Field(default=None, description="SMTP server for notices by e-mail; unset: no e-mail")
    smtp_port: int = Field(default=25, ge=1, le=65535)
    smtp_from: str = Field(default="zhaoshang@localhost", max_length=254, description="sender of notice e-mails")
    funds_reminder_day: int = Field(default=10, ge=1, le=28, description="day of the month from which a unit "
                                    "missing last month's funds reports is reminded")
    quarter_close_reminder_days: int = Field(default=10, ge=1, le=45, description="days before a quarter ends "
                                             "from which the office hears of units with many unverified records")
    quarter_close_min_unverified: int = Field(default=5, ge=1, description="unverified records that make a "
                                              "unit \"many\" for the quarter-close reminder")
    coordination_due_days: int = Field(default=3, ge=0, le=60, description="days before a coordination item's "
                                       "due date from which its responsible unit is reminded (and daily once overdue)")
    coordination_major_investment: Decimal = Field(default=Decimal("10000"), ge=0, description="total investment "
                                                   "(万元) from which a project is major on the quarterly meeting list")
    attachment_orphan_grace_hours: int = Field(default=24, ge=1, le=24 * 90, description="stored attachment bytes "
                                               "with no row are swept once older than this")
    log_format: Literal["auto", "json", "plain"] = Field(default="auto", description="auto: JSON lines in "
                                                         "production, plain text otherwise")
    metrics_enabled: bool = Field(default=False, description="serve Prometheus metrics at /metrics")
    metrics_allow: list[str] = Field(default=["127.0.0.1/32", "::1/128"], description="networks that may "
                                     "read /metrics (the direct peer's address; nginx does not proxy it)")
    docs_public: bool | None = Field(default=None, description="serve /docs, /redoc and /openapi.json to "
                                     "anyone; unset: yes outside production, no (404) in production")
    progress_cache_entries: int = Field(default=64, ge=0, le=10_000,
                                        description="answers of the progress views kept per process; 0: none")
    pdf_font: str | None = Field(default=None, description="TrueType font (.ttf/.ttc) embedded for Chinese in PDF "
                                 "reports; unset: fonts-wqy-microhei where installed")

    @model_validator(mode="after")
    def _refuse_default_secret(self) -> "Settings":
        """A leaked or guessable secret would let anyone mint tokens, so only development may use a weak one."""
        if self.environment != "development":
            secret = self.secret_key.get_secret_value()
            if secret == DEV_SECRET or len(secret) < 32 or estimated_entropy_bits(secret) < MIN_SECRET_BITS:
                raise ValueError(
                    f"ZS_SECRET_KEY must be a random value of at least 32 characters (about {MIN_SECRET_BITS} bits, "
                    "e.g. python -c 'import secrets; print(secrets.token_urlsafe(32))') "
                    f"when ZS_ENVIRONMENT={self.environment}"
                )
        return self

    @model_validator(mode="after")
    def _refuse_sqlite_in_production(self) -> "Settings":
        """One SQLite file serialises every writer and has no roles or online backup: not for a city's offices."""
        if self.environment == "production" and self.is_sqlite:
            raise ValueError("ZS_DATABASE_URL is SQLite, which is for development and tests only: "
                             "production needs PostgreSQL (postgresql+psycopg://…)")
        return self

    @model_validator(mode="after")
    def _password_into_url(self) -> "Settings":
        if self.database_password is not None:
            url = make_url(self.database_url).set(password=self.database_password.get_secret_value())
            self.database_url = url.render_as_string(hide_password=False)
        return self

    @property
    def json_logs(self) -> bool:
        return self.log_format == "json" or (self.log_format == "auto" and self.environment == "production")

    @property
    def docs_open(self) -> bool:
        return self.docs_public if self.docs_public is not None else self.environment != "production"

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


@lru_cache
def get_settings() -> Settings:
    return Settings()
