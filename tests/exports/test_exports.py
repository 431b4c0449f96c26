"""Every list's export.xlsx: the list's filters exactly, a well-formed workbook of the list's rows, the cap."""

import re

import pytest

from app.core import xlsx
from tests.exports.helpers import XLSX, filenames, headers, list_all, open_export, records
from tests.projects.helpers import create_project, report

PAGING = {"cursor", "limit", "with_total"}
# list, export, operationId, title, ASCII name, who exports, the key of a list item / of an exported row
EXPORTS = [
    ("/api/v1/leads", "exportLeads", "招商线索", "leads", "office", lambda x: x["id"], lambda r: r["编号"]),
    ("/api/v1/visits", "exportVisits", "走访记录", "visits", "office", lambda x: x["id"], lambda r: r["编号"]),
    ("/api/v1/events", "exportEvents", "招商活动", "events", "office", lambda x: x["id"], lambda r: r["编号"]),
    ("/api/v1/projects", "exportProjects", "招商项目", "projects", "office", lambda x: x["id"], lambda r: r["编号"]),
    ("/api/v1/funds-reports", "exportFundsReports", "到位资金", "funds-reports", "office", lambda x: x["id"],
     lambda r: r["编号"]),
    ("/api/v1/enterprises", "exportEnterprises", "企业库", "enterprises", "leader", lambda x: x["id"],
     lambda r: r["编号"]),
    ("/api/v1/verification/queue", "exportVerificationQueue", "待核实清单", "verification-queue", "office",
     lambda x: (x["record_type"], x["id"]), lambda r: ({"走访": "visit", "活动": "event", "项目": "project",
                                                        "资金到位": "funds_report"}[r["类型"]], r["编号"])),
    ("/api/v1/conflicts", "exportConflicts", "疑似重复申报", "conflicts", "office", lambda x: x["key"],
     lambda r: r["冲突标识"]),
    ("/api/v1/audit-events", "exportAuditEvents", "操作日志", "audit-events", "admin", lambda x: x["id"],
     lambda r: r["编号"]),
]
HISTORIES = [
    ("/api/v1/leads/{lead_id}/history", "getLeadHistory"),
    ("/api/v1/visits/{visit_id}/history", "getVisitHistory"),
    ("/api/v1/events/{event_id}/history", "getEventHistory"),
    ("/api/v1/projects/{project_id}/history", "getProjectHistory"),
    ("/api/v1/funds-reports/{report_id}/history", "getFundsReportHistory"),
    ("/api/v1/enterprises/{enterprise_id}/history", "getEnterpriseHistory"),
]


@pytest.fixture(scope="module")
def spec(app):
    return app.openapi()


def params(operation) -> set[str]:
    return {p["name"] for p in operation.get("parameters", []) if p["in"] == "query"}


@pytest.mark.parametrize(("url", "operation_id"), [(e[0], e[1]) for e in EXPORTS])
def test_export_takes_exactly_the_lists_filters(spec, url, operation_id):
    listed, exported = spec["paths"][url]["get"], spec["paths"][f"{url}/export.xlsx"]["get"]
    assert exported["operationId"] == operation_id
    assert params(exported) == params(listed) - PAGING
    by_name = {p["name"]: p for p in listed.get("parameters", [])}
    for p in exported.get("parameters", []):
        assert p == by_name[p["name"]], p["name"]  # same type, bounds, default and description
    assert exported["responses"]["200"]["content"] == {XLSX: {"schema": {"type": "string", "format": "binary"}}}


@pytest.mark.parametrize(("path", "operation_id"), HISTORIES)
def test_history_routes_answer_the_audit_event_page(spec, path, operation_id):
    op = spec["paths"][path]["get"]
    assert op["operationId"] == operation_id and params(op) == {"cursor", "limit"}
    schema = op["responses"]["200"]["content"]["application/json"]["schema"]
    assert schema == {"$ref": "#/components/schemas/AuditEventsPublic"}


@pytest.fixture
def data(client, token_for, unit, make_enterprise):
    """At least one row in every list, some submitted for the queue, and a suspected double claim."""
    dcf, linqing, grp = token_for("dcf_editor"), token_for("linqing_editor"), token_for("grp01_editor")
    ent = make_enterprise("中国重汽集团有限公司", is_central_soe=True)
    make_enterprise("=cmd|' /C calc'!A0 有限公司")  # a hostile name in the shared library
    lead = client.post("/api/v1/leads", headers=dcf, json={"enterprise_id": ent.id, "source": "chamber",
                                                        "received_on": "2019-03-01", "intended_amount": "1500.5"})
    visit = client.post("/api/v1/visits", headers=dcf, json={"enterprise_id": ent.id, "visit_date": "2019-05-06",
                                                          "region": "jingjinji"})
    event = client.post("/api/v1/events", headers=dcf, json={"kind": "promotion", "title": "推介会",
                                                          "event_date": "2019-04-18", "region": "other",
                                                          "enterprise_ids": [ent.id]})
    project = create_project(client, grp, ent, unit)
    rival = client.post("/api/v1/projects", headers=linqing, json={  # the same enterprise, another unit: a conflict
        "name": "临清重卡项目", "enterprise_ids": [ent.id], "total_investment": "3000", "stage": "signed",
        "signed_on": "2019-06-01"})
    for response in (lead, visit, event, project, rival):
        assert response.status_code == 201, response.text
    assert report(client, grp, project.json()["id"], "2019-06", "100.00").status_code == 201
    for url, who in ((f"/api/v1/visits/{visit.json()['id']}", dcf), (f"/api/v1/projects/{project.json()['id']}", grp)):
        assert client.post(f"{url}/transitions", headers=who, json={"action": "submit"}).status_code == 200


@pytest.mark.parametrize(("url", "operation_id", "title", "ascii_name", "who", "list_key", "row_key"), EXPORTS)
def test_every_export_is_a_workbook_of_the_lists_rows(client, token_for, data, url, operation_id, title, ascii_name,
                                                       who, list_key, row_key):
    headers_ = token_for(who)
    response = client.get(f"{url}/export.xlsx", headers=headers_)
    ws = open_export(response)
    assert ws.title == title and ws["A1"].value.startswith(title) and f"导出人：{who}" in ws["A1"].value
    assert ws.freeze_panes == "A3" and ws.auto_filter.ref.startswith("A2:")
    names = headers(ws)
    assert len(names) == len(set(names)) and all(re.search(r"[\u4e00-\u9fff]", h) for h in names)
    rows = records(ws)
    if url == "/api/v1/conflicts":
        listed = client.get(url, headers=headers_).json()["data"]
    else:
        listed = list_all(client, url, headers_)
    assert rows and [row_key(r) for r in rows] == [list_key(x) for x in listed]
    assert ws.auto_filter.ref.endswith(str(len(rows) + 2))
    ascii_fallback, name = filenames(response)
    assert re.fullmatch(rf"{title}_\d{{8}}\.xlsx", name) and re.fullmatch(rf"{ascii_name}_\d{{8}}\.xlsx",
                                                                          ascii_fallback)
    for row in ws.iter_rows(min_row=3):
        for cell in row:
            assert cell.data_type != "f", (cell.coordinate, cell.value)  # nothing a spreadsheet would run


@pytest.mark.parametrize(("url", "who"), [(e[0], e[4]) for e in EXPORTS])
def test_every_export_refuses_more_than_the_cap_before_writing(client, token_for, data, monkeypatch, url, who):
    monkeypatch.setattr(xlsx, "MAX_ROWS", 0)
    refused = client.get(f"{url}/export.xlsx", headers=token_for(who))
    assert refused.status_code == 422 and refused.headers["content-type"].startswith("application/problem+json")
    assert refused.json()["type"] == "/problems/export-too-large" and "缩小筛选范围" in refused.json()["detail"]


@pytest.mark.parametrize("url", [e[0] for e in EXPORTS])
def test_anonymous_is_401(client, url):
    assert client.get(f"{url}/export.xlsx").status_code == 401


def test_filters_pass_through_to_the_queue_and_the_audit_log(client, token_for, data, unit):
    office = token_for("office")
    queue = records(open_export(client.get("/api/v1/verification/queue/export.xlsx", headers=office,
                                           params={"record_type": "project"})))
    assert [r["类型"] for r in queue] == ["项目"] and queue[0]["单位"] == unit("GRP-01").name_zh
    assert queue[0]["可由本人审核"] == "是"
    audit = records(open_export(client.get("/api/v1/audit-events/export.xlsx", headers=office,
                                           params={"entity": "visit"})))
    assert [r["操作"] for r in audit] == ["报送", "新建"] and {r["对象"] for r in audit} == {"走访"}
    assert audit[0]["变更内容"].startswith("status: draft → submitted") and audit[1]["操作人"] == "dcf_editor"
    assert audit[0]["单位"] == "东昌府区" and audit[0]["来源地址"] == "testclient"
    naive = client.get("/api/v1/audit-events/export.xlsx", headers=office, params={"since": "2019-01-01T00:00:00"})
    assert naive.status_code == 422  # like the list: times need a zone
