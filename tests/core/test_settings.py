import pytest
from pydantic import ValidationError

from app.core.config import DEV_SECRET, Settings


def test_default_secret_is_refused_outside_development():
    with pytest.raises(ValidationError, match="ZS_SECRET_KEY"):
        Settings(environment="production", secret_key=DEV_SECRET)
    with pytest.raises(ValidationError):
        Settings(environment="production", secret_key="short")


def test_development_may_use_the_default_secret():
    assert Settings(environment="development").secret_key.get_secret_value() == DEV_SECRET


def test_production_accepts_a_real_secret():
    assert Settings(environment="production", secret_key="k" * 40).environment == "production"
