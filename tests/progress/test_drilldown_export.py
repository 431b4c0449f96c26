"""The records behind a figure, named and in Excel: what the drill-down page and its export show."""

from datetime import date
from decimal import Decimal
from io import BytesIO

from openpyxl import load_workbook

from app.core import xlsx
from app.progress import service
from tests.progress.conftest import figure


def test_drilldown_names_its_target_and_each_record(world, progress, client, token_for, unit):
    ent = world.enterprise("济南华信新材料有限公司")
    visit = world.visit("371502", date(2019, 3, 1), ent)
    world.done()
    t14 = figure(progress(2019), "T14", "东昌府区")
    d = client.get("/api/v1/progress/drilldown", headers=token_for("dcf_editor"),
                   params={"year": 2019, "target_id": t14["target_id"], "unit_id": unit("371502").id}).json()
    assert (d["code"], d["value_kind"], d["title_zh"]) == ("T14", "count", t14["title_zh"])
    assert d["rule_en"] == t14["rule_en"] and d["rule_zh"] == t14["rule_zh"]
    assert [(r["id"], r["label"]) for r in d["data"]] == [(visit.id, "济南华信新材料有限公司")]


def test_funds_rows_are_labelled_by_project_and_month(world, progress, client, token_for):
    p = world.project("GRP-01", "20000", landing="371502", credits={"GRP-01": "100"}, signed_on=date(2019, 1, 1),
                      name="华信扩建项目")
    world.funds(p, "371502", date(2019, 3, 1), "100.00")
    world.done()
    t03 = figure(progress(2019), "T03")
    d = client.get("/api/v1/progress/drilldown", headers=token_for("office"),
                   params={"year": 2019, "target_id": t03["target_id"]}).json()
    assert d["value_kind"] == "money" and [r["label"] for r in d["data"]] == ["华信扩建项目（2019-03）"]


def test_export_holds_exactly_the_drilldown_rows(world, progress, client, token_for, unit):
    world.enterprise("=HYPERLINK(\"http://x\",\"y\")")  # a name a spreadsheet would run
    ent = world.enterprise("=HYPERLINK(\"http://x\",\"y\")有限公司")
    ids = [world.visit("371502", date(2019, m, 1), ent).id for m in (1, 2, 3)]
    world.visit("371502", date(2019, 4, 1), ent, status="submitted")
    world.visit("371581", date(2019, 4, 2), ent)  # another county
    world.done()
    t14 = figure(progress(2019), "T14", "东昌府区")
    params = {"year": 2019, "target_id": t14["target_id"], "unit_id": unit("371502").id}
    response = client.get("/api/v1/progress/drilldown/export.xlsx", headers=token_for("dcf_editor"), params=params)
    assert response.status_code == 200, response.text
    assert "filename*=UTF-8''T14" in response.headers["content-disposition"]
    ws = load_workbook(BytesIO(response.content)).active
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    header = next(i for i, r in enumerate(rows) if r[0] == "日期")
    assert rows[header] == ["日期", "记录编号", "摘要", "计入单位", "状态", "计数"]
    body = rows[header + 1:]
    assert [r[1] for r in body] == ids  # the drill-down's records, in its order
    assert {r[3] for r in body} == {"东昌府区"} and {r[4] for r in body} == {"已核实"}
    assert sum(Decimal(str(r[5])) for r in body) == Decimal(t14["actual"])
    label_cell = ws.cell(row=header + 2, column=3)
    assert label_cell.data_type == "s" and label_cell.value.startswith("=HYPERLINK")  # text, never a formula
    everything = client.get("/api/v1/progress/drilldown/export.xlsx", headers=token_for("office"),
                            params={**params, "verified_only": False})
    assert len(list(load_workbook(BytesIO(everything.content)).active.iter_rows())) == len(rows) + 1


def test_export_follows_the_drilldown_access_rules(world, progress, client, token_for, unit):
    world.done()
    t14 = figure(progress(2019), "T14", "东昌府区")
    t01 = figure(progress(2019), "T01")
    url = "/api/v1/progress/drilldown/export.xlsx"
    other = {"year": 2019, "target_id": t14["target_id"], "unit_id": unit("371581").id}
    assert client.get(url, params=other).status_code == 401
    assert client.get(url, headers=token_for("dcf_editor"), params=other).status_code == 404
    city = {"year": 2019, "target_id": t01["target_id"]}
    assert client.get(url, headers=token_for("dcf_editor"), params=city).status_code == 403
    assert client.get(url, headers=token_for("leader"), params=city).status_code == 200


def test_export_counts_once_not_per_batch(world, progress, client, token_for, unit, monkeypatch):
    ent = world.enterprise("聊城新材料有限公司")
    ids = [world.visit("371502", date(2019, m, 1), ent).id for m in (1, 2, 3, 4)]
    world.done()
    t14 = figure(progress(2019), "T14", "东昌府区")
    monkeypatch.setattr(xlsx, "PAGE_SIZE", 1)  # four batches
    asked: list[bool] = []
    real = service.drilldown_rows

    def spy(*args, with_count=True, **kwargs):
        asked.append(with_count)
        return real(*args, with_count=with_count, **kwargs)

    monkeypatch.setattr(service, "drilldown_rows", spy)
    response = client.get("/api/v1/progress/drilldown/export.xlsx", headers=token_for("dcf_editor"),
                          params={"year": 2019, "target_id": t14["target_id"], "unit_id": unit("371502").id})
    assert response.status_code == 200 and "content-length" not in response.headers
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(min_row=3, values_only=True))
    assert [r[1] for r in rows] == ids
    assert asked == [True, False, False, False]  # the count is read with the first batch only
