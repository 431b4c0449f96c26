"""One Settings object for the whole app, read from ZS_* environment variables and `.env`."""

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

ROOT_DIR = Path(__file__).resolve().parents[3]
DEV_SECRET = "dev-only-secret-change-me-0123456789abcdef"  # noqa: S105 - refused outside development


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ZS_", env_file=".env", extra="ignore")

    environment: Literal["development", "test", "production"] = "development"
    database_url: str = f"sqlite:///{ROOT_DIR / 'var' / 'zhaoshang.db'}"
    secret_key: SecretStr = SecretStr(DEV_SECRET)
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
    trusted_proxies: list[str] = []
    db_pool_size: int = Field(default=10, ge=1, le=200, description="connections kept per process (PostgreSQL)")
    db_max_overflow: int = Field(default=10, ge=0, le=200, description="extra connections under load")
    db_pool_timeout_s: float = Field(default=3, gt=0, le=60, description="wait for a free connection, then 503")
    db_connect_timeout_s: int = Field(default=3, ge=1, le=60)
    db_statement_timeout_ms: int = Field(default=15_000, ge=0, description="a statement running longer is "
                                         "cancelled (503); rollup builds lift it for themselves")
    db_lock_timeout_ms: int = Field(default=5_000, ge=0, description="waiting longer for a row lock: 503")
    queue_seconds: float = Field(default=5, gt=0, le=60, description="wait to be admitted when every "
                                 "connection is busy, then 503")
    retry_after_s: int = Field(default=5, ge=1, le=3600, description="Retry-After of a 503")
    jobs_url: str = Field(default=f"sqlite:///{ROOT_DIR / 'var' / 'jobs.db'}",
                          description="background jobs: sqlite:///… (embedded), redis://… (production) or immediate")
    progress_cache_entries: int = Field(default=64, ge=0, le=10_000,
                                        description="answers of the progress views kept per process; 0: none")

    @model_validator(mode="after")
    def _refuse_default_secret(self) -> "Settings":
        """A leaked dev secret would let anyone mint tokens, so only development may use it."""
        if self.environment != "development":
            secret = self.secret_key.get_secret_value()
            if secret == DEV_SECRET or len(secret) < 32:
                raise ValueError(
                    "ZS_SECRET_KEY must be set to a random value of at least 32 characters "
                    f"when ZS_ENVIRONMENT={self.environment}"
                )
        return self

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


@lru_cache
def get_settings() -> Settings:
    return Settings()
