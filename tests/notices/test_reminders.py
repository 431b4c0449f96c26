"""Reminders, run by calling each check for a fixed date: exactly the right units, and never twice a period."""

from datetime import date

import pytest

from app.core import jobs
from app.notices import reminders
from tests.progress.conftest import World


@pytest.fixture
def world(db, unit) -> World:
    return World(db, unit)


def test_funds_reminder_names_units_missing_last_months_report_once(world, db, notices):
    signed = world.project("GRP-01", "5000", landing="371502", stage="signed", signed_on=date(2019, 5, 20),
                           name="重卡零部件")
    world.project("371581", "800", stage="started", signed_on=date(2019, 4, 1), name="临清轴承")
    world.project("371581", "300", stage="signed", signed_on=date(2019, 7, 2), name="七月才签")  # owes June nothing
    world.project("ZONE-ETDZ", "300", stage="negotiating", name="在谈")
    reported = world.project("ZONE-ETDZ", "900", stage="started", signed_on=date(2019, 1, 1), name="已报")
    world.funds(reported, "ZONE-ETDZ", date(2019, 6, 1), "10", status="submitted")
    world.funds(signed, "371502", date(2019, 6, 1), "10", status="draft")  # a draft is not in yet
    world.done()
    assert reminders.funds_due(db, date(2019, 7, 9)) == 0  # before the configured day (10th)
    assert reminders.funds_due(db, date(2019, 7, 10)) == 2
    assert reminders.funds_due(db, date(2019, 7, 11)) == 0  # the same period again: nobody twice
    db.commit()
    got = notices("funds_due")
    title = "2019 年 06 月到位资金月报尚未报送（1 个项目）"
    assert got == {"dcf_editor": [("funds_due", title, "请于本月报送上月到位资金：重卡零部件", None, None)],
                   "linqing_editor": [("funds_due", title, "请于本月报送上月到位资金：临清轴承", None, None)]}
    assert reminders.funds_due(db, date(2019, 8, 10)) == 3  # a new period: 七月才签 owes July now


def test_quarter_close_tells_the_office_of_units_with_many_unverified_records(world, db, notices):
    for day in range(1, 6):
        world.visit("371502", date(2019, 6, day), status="submitted")
    for day in range(1, 5):
        world.visit("371581", date(2019, 6, day), status="submitted")  # four: below the default five
    world.visit("371581", date(2019, 6, 9), status="verified")
    world.done()
    assert reminders.quarter_close(db, date(2019, 6, 20)) == 0  # more than ten days before the end
    assert reminders.quarter_close(db, date(2019, 6, 21)) == 3
    assert reminders.quarter_close(db, date(2019, 6, 30)) == 0
    db.commit()
    got = notices("quarter_close")
    assert set(got) == {"office", "office2", "office3"}
    title = "2019 年第 2 季度将于 06 月 30 日结束，1 个单位待核实记录较多"
    assert got["office"] == [("quarter_close", title, "东昌府区 5 条", None, None)]


def test_target_behind_reminds_a_chamber_below_pace_once_a_month(world, db, notices):
    for day in range(1, 31):
        world.lead("CHB-BJ", date(2019, 1, day))
    world.done()
    assert reminders.target_behind(db, date(2019, 7, 1)) > 0
    db.commit()
    [(kind, title, body, *_)] = notices("target_behind")["chb_bj_editor"]
    assert "每个聊城商会每年至少提供100条可供走访的投资企业信息（30.00/100.00）" in body
    assert title.endswith("进度落后于时间进度")
    assert "dcf_viewer" not in notices("target_behind")
    assert reminders.target_behind(db, date(2019, 7, 20)) == 0
    assert reminders.target_behind(db, date(2019, 8, 1)) > 0


def test_target_behind_is_quiet_for_a_unit_on_pace(world, db, notices):
    for day in range(1, 61):
        world.lead("CHB-BJ", date(2019, 1 + day % 6, 1 + day % 28))
    world.done()
    reminders.target_behind(db, date(2019, 7, 1))
    db.commit()
    assert all("商会" not in b for *_, b, _t, _i in notices("target_behind").get("chb_bj_editor", []))



def test_the_daily_job_runs_every_reminder_and_commits(world, db, connection, notices, monkeypatch):
    world.project("371581", "800", stage="started", signed_on=date(2019, 4, 1), name="临清轴承")
    world.done()
    monkeypatch.setattr(reminders, "city_today", lambda: date(2019, 7, 15))
    with jobs.running_on(connection):
        sent = reminders.daily_reminders.call_local()
        assert reminders.daily_reminders.call_local() == 0  # the same day again: nobody twice
    got = notices()
    assert [n[0] for n in got["linqing_editor"]] == ["funds_due", "target_behind"]
    assert sent == sum(len(ns) for ns in got.values())
