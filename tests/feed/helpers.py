"""Feed tests on PostgreSQL write in real, committed transactions (the app on its engine): the feed returns a
change only once its transaction and every older one have ended, so the rolled-back test transaction's own
changes would never show. On SQLite (one writer at a time) they run in the test's transaction as usual."""

import time
import uuid

from fastapi.testclient import TestClient

from app.auth.service import _access_token
from app.clients.models import ApiClient
from app.core.config import Settings
from app.core.db import session_factory
from app.core.passwords import new_token, token_digest
from app.enterprises.models import Enterprise

VISIT = {"visit_date": "2019-05-06", "region": "jingjinji", "place": "北京市海淀区", "leader_level": "county_leader",
         "leader_name": "张县长", "outcome": "达成初步合作意向"}


def committed_client(bind, settings: Settings, scopes: list[str], unit_id: int | None,
                     made: list[int] | None = None) -> tuple[int, dict[str, str]]:
    with session_factory(bind)() as s:
        api_client = ApiClient(client_id=f"zs_{new_token(8)}", name="订阅系统", unit_id=unit_id,
                               scopes=" ".join(scopes), secret_hash=token_digest(new_token()))
        s.add(api_client)
        s.commit()
        assert api_client.id is not None
        if made is not None:
            made.append(api_client.id)
        token, _ = _access_token(settings, {"sub": f"client:{api_client.id}", "scope": api_client.scopes})
        return api_client.id, {"Authorization": f"Bearer {token}"}


def committed_enterprise(bind, made: list[int] | None = None) -> int:
    name = f"变更订阅测试企业{uuid.uuid4().hex[:8]}"
    with session_factory(bind)() as s:
        ent = Enterprise(name=name, name_norm=name)
        s.add(ent)
        s.commit()
        assert ent.id is not None
        if made is not None:
            made.append(ent.id)
        return ent.id


def read_all(c: TestClient, headers: dict[str, str], cursor: str | None, *, limit: int = 100,
             **params: str) -> tuple[list[dict], str | None, int]:
    """Every change after `cursor`, page by page; (changes, the cursor to resume from, pages read)."""
    out: list[dict] = []
    pages = 0
    while True:
        query = {"limit": str(limit), **params, **({"cursor": cursor} if cursor else {})}
        r = c.get("/api/v1/changes", headers=headers, params=query)
        assert r.status_code == 200, r.text
        body = r.json()
        out += body["data"]
        cursor = body["next_cursor"]
        pages += 1
        if not body["has_more"]:
            return out, cursor, pages


def wait_for(c: TestClient, headers: dict[str, str], cursor: str | None, predicate, *, timeout: float = 30,
             **params: str) -> tuple[list[dict], str | None]:
    """Reads until `predicate(changes)` holds: another transaction on the server (any database: xids are
    cluster-wide) may hold the horizon back for a moment."""
    deadline = time.monotonic() + timeout
    seen: list[dict] = []
    while True:
        changes, cursor, _ = read_all(c, headers, cursor, **params)
        seen += changes
        if predicate(seen) or time.monotonic() > deadline:
            return seen, cursor
        time.sleep(0.2)
