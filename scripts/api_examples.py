"""Runs the two worked flows of docs/api.md against a fresh SQLite database and prints them as Markdown,
so the examples in the docs are real answers of the real app: `python scripts/api_examples.py > /tmp/x.md`."""

import json
import secrets
import tempfile
from pathlib import Path

from alembic import command
from fastapi.testclient import TestClient
from sqlmodel import Session
from tests.conftest import alembic_config

from app.core.config import Settings
from app.core.db import make_engine
from app.hooks import install_session_hooks
from app.main import create_app
from app.seed.service import seed_demo_users, seed_targets, seed_units

KEEP_HEADERS = ("etag", "content-type", "idempotency-replayed")


def show(title: str, response) -> str:
    request = response.request
    body = request.content.decode() if request.content else ""
    if "x-www-form-urlencoded" in request.headers.get("content-type", ""):
        body = body.replace("zhaoshang-demo", "••••••")
    lines = [f"**{title}**", "", "```http", f"{request.method} {request.url.path}"
             + (f"?{request.url.query.decode()}" if request.url.query else "") + " HTTP/1.1"]
    for name in ("authorization", "if-match", "idempotency-key", "content-type"):
        if name in request.headers:
            value = request.headers[name]
            lines.append(f"{name.title()}: {'Bearer eyJ…' if name == 'authorization' else value}")
    if body:
        lines += ["", body if not body.startswith("{") else json.dumps(json.loads(body), ensure_ascii=False,
                                                                       indent=2)]
    lines += ["```", "", "```http", f"HTTP/1.1 {response.status_code}"]
    lines += [f"{k.title()}: {v}" for k, v in response.headers.items() if k in KEEP_HEADERS]
    if response.content:
        payload = response.json()
        if isinstance(payload, dict) and "access_token" in payload:
            payload = {**payload, "access_token": "eyJ…", "refresh_token": "…"}
        text = json.dumps(payload, ensure_ascii=False, indent=2)
        lines += ["", text if len(text) < 2500 else text[:2500] + "\n…"]
    lines += ["```", ""]
    return "\n".join(lines)


def main() -> None:
    db = Path(tempfile.mkdtemp()) / "examples.db"
    url = f"sqlite:///{db}"
    command.upgrade(alembic_config(url), "head")
    engine = make_engine(url)
    install_session_hooks()
    with Session(engine) as s, s.begin():
        seed_demo_users(s, seed_units(s))
        seed_targets(s)
    settings = Settings(environment="test", database_url=url, secret_key=secrets.token_urlsafe(32))
    client = TestClient(create_app(settings, engine))
    out = ["### A county staffer (dcf_editor, 东昌府区) records a visit and submits it", ""]

    def login(username):
        r = client.post("/api/v1/auth/token", data={"grant_type": "password", "username": username,
                                                 "password": "zhaoshang-demo"})
        return r, {"Authorization": f"Bearer {r.json()['access_token']}"}

    r, staff = login("dcf_editor")
    out.append(show("1. Log in (OAuth2 password grant)", r))
    r = client.post("/api/v1/enterprises", headers={**staff, "Idempotency-Key": "ent-weichai-1"}, json={
        "name": "潍柴动力股份有限公司", "uscc": "913700007456765902", "province": "山东", "city": "潍坊",
        "is_china500": True, "china500_list": "中国企业500强", "is_listed": True})
    if r.status_code == 422:
        r = client.post("/api/v1/enterprises", headers={**staff, "Idempotency-Key": "ent-weichai-2"}, json={
            "name": "潍柴动力股份有限公司", "province": "山东", "city": "潍坊", "is_china500": True,
            "china500_list": "中国企业500强", "is_listed": True})
    enterprise = r.json()
    out.append(show("2. Add the enterprise to the shared library (or find it: GET /api/v1/enterprises?q=潍柴)", r))
    r = client.post("/api/v1/enterprises", headers=staff, json={"name": "潍柴动力有限公司"})
    out.append(show("3. Entering it again is caught as a likely duplicate", r))
    body = {"enterprise_id": enterprise["id"], "visit_date": "2019-05-06", "region": "other", "place": "潍坊",
            "leader_level": "county_leader", "leader_name": "张县长",
            "outcome": "对方有意在东昌府区布局发动机再制造项目",
            "next_step": "6 月邀请来聊考察"}
    r = client.post("/api/v1/visits", headers={**staff, "Idempotency-Key": "visit-2019-05-06-weichai"}, json=body)
    visit = r.json()
    out.append(show("4. Create the visit (a draft; the Idempotency-Key makes a retry safe)", r))
    r = client.post("/api/v1/visits", headers={**staff, "Idempotency-Key": "visit-2019-05-06-weichai"}, json=body)
    out.append(show("5. The same request again (e.g. after a network timeout) replays the answer", r))
    r = client.patch(f"/api/v1/visits/{visit['id']}", headers={**staff, "If-Match": '"1"'},
                     json={"participants": "招商局 李四、王五"})
    out.append(show("6. Correct it: If-Match carries the ETag last read", r))
    r = client.patch(f"/api/v1/visits/{visit['id']}", headers={**staff, "If-Match": '"1"'}, json={"place": "济南"})
    out.append(show("7. A stale ETag is refused: someone changed the record meanwhile", r))
    r = client.post(f"/api/v1/visits/{visit['id']}/transitions", headers=staff, json={"action": "submit"})
    out.append(show("8. Submit for verification", r))

    out += ["### The office (office) works the verification queue", ""]
    _, office = login("office")
    second = client.post(
        "/api/v1/visits", headers=staff, json={**body, "visit_date": "2019-05-08", "outcome": ""}
    ).json()
    client.post(f"/api/v1/visits/{second['id']}/transitions", headers=staff, json={"action": "submit"})
    r = client.get("/api/v1/verification/queue", headers=office)
    out.append(show("1. Read the queue (oldest first)", r))
    queue = {i["id"]: i for i in r.json()["data"]}
    r = client.post("/api/v1/verification/bulk", headers={**office, "Idempotency-Key": "bulk-2019-05-10-a"}, json={
        "action": "verify", "items": [{"record_type": "visit", "id": visit["id"],
                                       "version": queue[visit["id"]]["version"]}]})
    out.append(show("2. Verify one (the version seen in the queue guards against verifying blind)", r))
    r = client.post("/api/v1/verification/bulk", headers={**office, "Idempotency-Key": "bulk-2019-05-10-b"}, json={
        "action": "return", "reason": "请补充走访成果", "items": [
            {"record_type": "visit", "id": second["id"], "version": queue[second["id"]]["version"]}]})
    out.append(show("3. Return another with a reason; the county sees it and resubmits", r))
    _, other_county = login("linqing_editor")
    r = client.get(f"/api/v1/visits/{visit['id']}", headers=other_county)
    out.append(show("4. Another county asking for the record gets 404, exactly as for a missing one", r))
    print("\n".join(out))


if __name__ == "__main__":
    main()
