"""A signed project (25,000.50 万元, landing in 东昌府区, credited to the new-materials group and the 经信委), a
responsible department with an editor (the 国土资源局), a clock frozen through the routes' `today` dependency."""

from datetime import date, timedelta

import pytest
from sqlalchemy import delete
from sqlmodel import col, select

from app.coordination import routes
from app.core.time import city_today
from app.notices.models import Notice
from app.users.models import User
from tests.projects.helpers import COUNTY, DEPT, GROUP, create_project

LAND_DEPT = "DEPT-GTJ"  # 市国土资源局: no seeded staff; the tests give it an editor


@pytest.fixture(autouse=True)
def empty_inboxes(db):
    """Each test starts with no notices (on PostgreSQL, tests elsewhere commit real ones)."""
    db.exec(delete(Notice))  # type: ignore[call-overload]  # a bulk DELETE statement, which sqlmodel's exec types omit
    db.commit()


class Clock:
    """The date the routes count "overdue" and "days open" from: today unless a test moves it."""

    def __init__(self) -> None:
        self.day = city_today()

    def __call__(self) -> date:
        return self.day

    def advance(self, days: int) -> date:
        self.day = city_today() + timedelta(days=days)
        return self.day


@pytest.fixture
def clock(app):
    frozen = Clock()
    app.dependency_overrides[routes.today] = frozen
    yield frozen
    app.dependency_overrides.pop(routes.today, None)


@pytest.fixture
def land_dept_editor(db, unit, user):
    """gtj_editor, an editor of the 国土资源局."""
    template = user("jxw_editor")
    db.add(User(username="gtj_editor", display_name="市国土资源局 录入员", role="unit_editor",
                password_hash=template.password_hash, unit_id=unit(LAND_DEPT).id))
    db.commit()
    return "gtj_editor"


@pytest.fixture
def project(client, token_for, make_enterprise, unit):
    response = create_project(client, token_for("grp01_editor"), make_enterprise("中国重汽集团有限公司"), unit)
    assert response.status_code == 201, response.text
    return response.json()


@pytest.fixture
def notices(db):
    """kind → sorted usernames that got a notice of it (inbox or not)."""
    def get() -> dict[str, list[str]]:
        db.expire_all()
        out: dict[str, list[str]] = {}
        for username, kind in db.exec(select(User.username, Notice.kind).join(
                Notice, col(Notice.user_id) == col(User.id)).order_by(col(Notice.id))):
            out.setdefault(kind, []).append(username)
        return {k: sorted(v) for k, v in out.items()}
    return get


def raise_item(client, headers, project_id, **extra):
    return client.post("/api/v1/coordination-items", headers=headers, json={
        "project_id": project_id, "category": "land", "description": "用地指标未落实，无法办理土地手续",
        "ask": "请协调解决 80 亩新增建设用地指标", **extra})


def step(client, headers, item_id, name, **body):
    return client.post(f"/api/v1/coordination-items/{item_id}/{name}", headers=headers, json=body)


__all__ = ["COUNTY", "DEPT", "GROUP", "raise_item", "step"]
