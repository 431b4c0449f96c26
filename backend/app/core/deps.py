"""Shared FastAPI dependencies."""

from typing import Annotated

from fastapi import Depends, Request
from sqlmodel import Session

from app.core.config import Settings
from app.core.db import get_session


async def app_settings(request: Request) -> Settings:  # async: no threadpool hop for an attribute
    settings: Settings = request.app.state.settings
    return settings


SessionDep = Annotated[Session, Depends(get_session, scope="function")]
SettingsDep = Annotated[Settings, Depends(app_settings)]
