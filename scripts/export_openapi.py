"""Writes the backend's OpenAPI document, for the SPA's client generator: `python scripts/export_openapi.py OUT`."""

import json
import sys
from pathlib import Path

from sqlalchemy import create_engine

from app.core.config import Settings
from app.main import create_app

# only the document is needed, no server runs: development settings, an in-memory database
app = create_app(Settings(environment="development", database_url="sqlite://"), engine=create_engine("sqlite://"))
out = Path(sys.argv[1] if len(sys.argv) > 1 else "frontend/openapi.json")
out.write_text(json.dumps(app.openapi(), ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
print(f"wrote {out}")
