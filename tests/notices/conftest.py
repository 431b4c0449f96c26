import pytest
from sqlalchemy import delete
from sqlmodel import col, select

from app.notices.models import Notice
from app.users.models import User


@pytest.fixture
def notices(db):
    """username → [(kind, title, body, record_type, record_id)] of every notice (inbox or not), oldest first."""
    def get(kind: str | None = None) -> dict[str, list[tuple]]:
        db.expire_all()
        stmt = select(User.username, Notice).join(Notice, col(Notice.user_id) == col(User.id)).order_by(col(Notice.id))
        out: dict[str, list[tuple]] = {}
        for username, n in db.exec(stmt):
            if kind is None or n.kind == kind:
                out.setdefault(username, []).append((n.kind, n.title, n.body, n.record_type, n.record_id))
        return out
    return get


@pytest.fixture
def visit_submitted(client, token_for, make_enterprise):
    """A visit 东昌府区's editor entered and submitted; its id."""
    ent = make_enterprise("海尔集团公司")
    headers = token_for("dcf_editor")
    vid = client.post("/api/v1/visits", headers=headers, json={
        "enterprise_id": ent.id, "visit_date": "2019-05-01", "region": "other"}).json()["id"]
    assert (
        client.post(f"/api/v1/visits/{vid}/transitions", headers=headers, json={"action": "submit"}).status_code == 200
    )
    return vid


@pytest.fixture(autouse=True)
def empty_inboxes(db):
    """Each test starts with no notices: on PostgreSQL, tests elsewhere commit real transitions (races, the fault
    smoke), and their notices would stand in these tests' inboxes."""
    db.exec(delete(Notice))  # type: ignore[call-overload]  # a bulk DELETE statement, which sqlmodel's exec types omit
    db.commit()
