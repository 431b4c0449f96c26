"""A deliberately messy sheet of visits: every tolerated format, rows with each kind of error, the exact
findings, the marked copy, the commit through the visits' own service, and a second import writing nothing."""

import io
from datetime import datetime

from openpyxl import load_workbook
from sqlmodel import col, func, select

from app.audit.models import AuditEvent
from app.imports.models import ImportFile, ImportLedger
from app.visits.models import Visit
from tests.imports.conftest import ENT, ENT_USCC, checked, commit, messages, workbook

HEADER = ["外部编号", "企业", "走访日期", "地区", "带队领导级别", "地点", "单位", "备注栏"]
ROWS = [
    ["", f"  {ENT}  ", datetime(2019, 5, 1), "长三角", "市级领导", "上海", "", "x"],  # 2 an Excel date, spaces
    ["", ENT_USCC, "2019.5.2", "pearl_delta", "city_leader", "深圳", "东昌府区", ""],  # 3 USCC, codes, own unit
    ["V-3", ENT, "2019/5/3", "京津冀", "", "", None, None],  # 4
    ["V-4", ENT, "2019年5月4日", " 其他地区 ", "工作人员", "", None, None],  # 5 a label with spaces
    ["", ENT, "2019-05-05", "长三角", None, "杭州", None, None],  # 6
    [None, None, None, None, None, None, None, None],  # 7 blank: skipped
    ["", ENT, "2019-13-01", "长三角", None, None, None, None],  # 8 no such month
    ["", ENT, "5月1日", "长三角", None, None, None, None],  # 9 not a date
    ["", ENT, "2019-05-06", "华北", None, None, None, None],  # 10 no such region
    ["", "不存在的公司", "2019-05-06", "长三角", None, None, None, None],  # 11 no such enterprise
    ["", ENT, "2099-01-01", "长三角", None, None, None, None],  # 12 a future date (the schema's own check)
    ["", ENT, "2019-05-07", "长三角", None, None, "临清市", None],  # 13 another unit
    ["", ENT, None, "长三角", None, None, None, None],  # 14 required date missing
    ["", ENT, "2019-05-08", "长三角", "省长", "x" * 201, None, None],  # 15 two bad cells
]
FINDINGS = [
    "第 8 行「走访日期」：日期不存在（月或日超出范围）",
    "第 9 行「走访日期」：日期格式无法识别（可写 2019-05-01、2019/5/1、2019.5.1 或 2019年5月1日）",
    "第 10 行「地区」：应为下列之一：京津冀、长三角、珠三角、其他地区",
    "第 11 行「企业」：企业库中没有“不存在的公司”，请先导入或新建该企业",
    "第 12 行「走访日期」：日期不能晚于今天",
    "第 13 行「单位」：只能导入本单位的记录",
    "第 14 行「走访日期」：必填",
    "第 15 行「带队领导级别」：应为下列之一：市级领导、县级领导、部门负责人、工作人员",
    "第 15 行「地点」：长度不能超过 200 个字符",
]


def _visits(db):
    return db.exec(select(func.count()).select_from(Visit)).one()


def test_a_messy_sheet_is_checked_cell_by_cell_written_once_and_marked(client, token_for, ent, db):
    editor = token_for("dcf_editor")
    content = workbook(HEADER, ROWS)
    before = _visits(db)
    batch = checked(client, editor, "visits", content)
    assert batch["status"] == "checked"
    assert batch["unknown_columns"] == ["备注栏"]
    assert (batch["rows_total"], batch["rows_valid"], batch["rows_invalid"]) == (13, 5, 8)
    assert messages(batch) == FINDINGS
    assert batch["errors"][0] == {"row": 8, "column": "走访日期", "message": FINDINGS[0]}
    assert _visits(db) == before  # a dry run writes nothing

    marked = client.get(f"/api/v1/imports/{batch['id']}/marked.xlsx", headers=editor)
    assert marked.status_code == 200
    sheet = load_workbook(io.BytesIO(marked.content)).worksheets[0]
    assert sheet["C8"].fill.fgColor.rgb.endswith("FFC7CE") and "日期不存在" in sheet["C8"].comment.text
    assert sheet["G13"].comment.text == "只能导入本单位的记录"
    assert sheet["C2"].comment is None

    done = commit(client, editor, batch["id"])
    assert (done["status"], done["rows_written"], done["rows_unchanged"]) == ("done", 5, 0)
    assert done["finished_at"] is not None
    assert _visits(db) == before + 5
    visits = db.exec(select(Visit).order_by(col(Visit.id).desc()).limit(5)).all()
    assert sorted(str(v.visit_date) for v in visits) == [f"2019-05-0{d}" for d in range(1, 6)]
    assert {v.unit_id for v in visits} == {done["unit_id"]}
    history = db.exec(select(AuditEvent).where(AuditEvent.entity == "visit",
                                               AuditEvent.entity_id == str(visits[0].id))).all()
    assert [(e.action, e.request_id, e.actor_name) for e in history] == [
        ("create", f"import-{batch['id']}", "dcf_editor")]

    again = checked(client, editor, "visits", content)  # the same file again: nothing new
    second = commit(client, editor, again["id"])
    assert (second["rows_written"], second["rows_unchanged"]) == (0, 5)
    assert _visits(db) == before + 5


def test_an_external_id_finds_the_record_again_and_updates_what_changed(client, token_for, ent, db):
    editor = token_for("dcf_editor")
    first = checked(client, editor, "visits", workbook(HEADER[:5], [["V-9", ENT, "2019-05-01", "长三角", ""]]))
    assert commit(client, editor, first["id"])["rows_written"] == 1
    (entry,) = db.exec(select(ImportLedger).where(ImportLedger.row_key == "ext:V-9")).all()
    second = checked(client, editor, "visits", workbook(HEADER[:5], [["V-9", ENT, "2019-05-01", "珠三角", ""]]))
    assert commit(client, editor, second["id"])["rows_written"] == 1
    visit = db.get(Visit, entry.record_id)
    db.refresh(visit)
    assert (visit.region, visit.version) == ("pearl_delta", 2)
    third = checked(client, editor, "visits", workbook(HEADER[:5], [["V-9", ENT, "2019-05-01", "珠三角", ""]]))
    assert commit(client, editor, third["id"])["rows_unchanged"] == 1


def test_all_or_nothing_writes_nothing_when_a_row_is_refused(client, token_for, ent, db):
    editor = token_for("dcf_editor")
    before = _visits(db)
    batch = checked(client, editor, "visits", workbook(HEADER[:4], [[None, ENT, "2019-05-01", "长三角"],
                                                                   [None, ENT, "2019-05-02", "华北"]]))
    done = commit(client, editor, batch["id"], all_or_nothing=True)
    assert (done["status"], done["rows_written"], done["all_or_nothing"]) == ("done", 0, True)
    assert "未写入任何记录" in done["message"]
    assert _visits(db) == before
    twice = client.post(f"/api/v1/imports/{batch['id']}/commit", headers=editor, json={"all_or_nothing": False})
    assert twice.status_code == 409


def test_a_key_twice_in_one_file_makes_one_record_then_updates_it(client, token_for, ent, db):
    """New rows are flushed together at the end of their chunk: a later row with the same 外部编号 still finds the
    record the earlier row made (and its ledger entry the record's id)."""
    editor = token_for("dcf_editor")
    before = _visits(db)
    batch = checked(client, editor, "visits", workbook(HEADER[:4], [["V-20", ENT, "2019-05-01", "长三角"],
                                                                   ["V-21", ENT, "2019-05-02", "长三角"],
                                                                   ["V-20", ENT, "2019-05-01", "京津冀"]]))
    done = commit(client, editor, batch["id"])
    assert (done["rows_written"], done["rows_invalid"]) == (3, 0)
    assert _visits(db) == before + 2
    entries = {e.row_key: e for e in db.exec(select(ImportLedger).where(col(ImportLedger.row_key).in_(
        ["ext:V-20", "ext:V-21"])))}
    twice, once = db.get(Visit, entries["ext:V-20"].record_id), db.get(Visit, entries["ext:V-21"].record_id)
    assert (twice.region, twice.version, twice.visit_date.day) == ("jingjinji", 2, 1)
    assert (once.region, once.version, once.visit_date.day) == ("yangtze_delta", 1, 2)


def test_the_commit_writes_the_rows_the_dry_run_kept_or_reads_the_file_again(client, token_for, ent, db):
    """The dry run keeps its valid rows for the commit; an import checked before they were kept (no such file)
    still commits, from the workbook."""
    editor = token_for("dcf_editor")
    kept = checked(client, editor, "visits", workbook(HEADER[:4], [["V-30", ENT, "2019-05-01", "长三角"]]))
    assert db.get(ImportFile, (kept["id"], "rows")) is not None
    assert commit(client, editor, kept["id"])["rows_written"] == 1

    older = checked(client, editor, "visits", workbook(HEADER[:4], [["V-31", ENT, "2019-05-02", "京津冀"]]))
    db.delete(db.get(ImportFile, (older["id"], "rows")))
    db.commit()
    assert commit(client, editor, older["id"])["rows_written"] == 1
    (entry,) = db.exec(select(ImportLedger).where(ImportLedger.row_key == "ext:V-31")).all()
    assert db.get(Visit, entry.record_id).region == "jingjinji"
