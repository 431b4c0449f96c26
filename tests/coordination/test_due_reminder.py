"""The due reminder, run for given dates: the responsible unit's editors hear of items due soon or overdue, once a
day however often it runs; an item answered as done, closed, or due later is not reminded."""

from datetime import timedelta

from sqlmodel import col, select

from app.coordination import reminders
from app.core import jobs
from app.notices.models import Notice
from tests.coordination.conftest import raise_item, step


def test_the_due_reminder_once_a_day_to_the_responsible_unit(client, token_for, project, land_dept_editor, unit,
                                                            clock, db, notices, connection, monkeypatch):
    county, office, land = token_for("dcf_editor"), token_for("office"), unit("DEPT-GTJ").id
    start = clock.day

    def item(due_in, **extra):
        iid = raise_item(client, county, project["id"], **extra).json()["id"]
        due = (start + timedelta(days=due_in)).isoformat()
        step(client, office, iid, "assign", assignee_unit_id=land, due_date=due)
        return iid

    soon = item(2)
    later = item(20, category="planning")
    done = item(1, category="funding")
    step(client, token_for(land_dept_editor), done, "replies", text="已办结", progress="done")
    closed = item(1, category="other")
    step(client, office, closed, "close", note="撤回")
    before = notices()

    assert reminders.coordination_due(db, start) == 1  # `soon` is within the default three days
    assert reminders.coordination_due(db, start) == 0  # the same day again: nobody twice
    db.commit()
    got = notices()
    assert got["coordination_due"] == ["gtj_editor"]
    assert {k: v for k, v in got.items() if k != "coordination_due"} == before
    assert reminders.coordination_due(db, start + timedelta(days=1)) == 1  # a new day, still due
    assert reminders.coordination_due(db, start + timedelta(days=10)) == 1  # overdue: daily until answered
    db.expire_all()
    last = db.exec(select(Notice).where(Notice.kind == "coordination_due").order_by(col(Notice.id).desc())).first()
    assert last.title == "1 项协调事项临近或已过办理时限（超期 1 项）"
    assert (last.record_type, last.record_id) == ("coordination_item", soon)
    assert later not in (n.record_id for n in db.exec(select(Notice).where(Notice.kind == "coordination_due")))
    assert reminders.coordination_due(db, start + timedelta(days=18)) == 1  # `soon` and `later`: one notice
    db.commit()
    newest = db.exec(select(Notice).where(Notice.kind == "coordination_due").order_by(col(Notice.id).desc())).first()
    assert newest.title.startswith("2 项") and newest.record_id is None

    # the periodic task runs it for the city's date and commits; a second run that day sends nothing
    monkeypatch.setattr(reminders, "city_today", lambda: start + timedelta(days=30))
    with jobs.running_on(connection):
        assert reminders.daily_coordination_due.call_local() == 1
        assert reminders.daily_coordination_due.call_local() == 0
