"""The leading group's quarterly meeting list: major projects with their open items, as JSON, as a workbook read
back with openpyxl, and as a PDF (its text through pdftotext, where poppler is installed)."""

import os
import shutil
import subprocess
from datetime import timedelta
from io import BytesIO

import pytest
from openpyxl import load_workbook

from tests.coordination.conftest import raise_item, step

URL = "/api/v1/coordination/meeting-list"


@pytest.fixture
def escalated(client, token_for, project, land_dept_editor, unit, clock):
    """An item on the (major) project, assigned to the land bureau and escalated to this quarter's meeting; a
    second one closed. Then the clock moves past the due date."""
    county, office = token_for("dcf_editor"), token_for("office")
    item = raise_item(client, county, project["id"]).json()["id"]
    step(client, office, item, "assign", assignee_unit_id=unit("DEPT-GTJ").id,
         due_date=(clock.day + timedelta(days=2)).isoformat())
    year, quarter = clock.day.year, (clock.day.month - 1) // 3 + 1
    assert step(client, office, item, "escalate", year=year, quarter=quarter, reason="跨部门").status_code == 200
    done = raise_item(client, county, project["id"], category="utilities", description="临时用电未接入").json()["id"]
    step(client, office, done, "close", note="已接入")
    clock.advance(5)
    return {"item": item, "closed": done, "year": year, "quarter": quarter}


def test_the_list_holds_the_major_project_with_its_open_items(client, token_for, project, escalated):
    response = client.get(URL, headers=token_for("leader"))
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["year"], body["quarter"], body["min_investment"]) == (escalated["year"], escalated["quarter"],
                                                                       "10000.00")
    [entry] = body["projects"]
    assert {k: entry[k] for k in ("project_id", "project_name", "stage", "total_investment", "landing_unit_name")} \
        == {"project_id": project["id"], "project_name": "重卡新能源零部件项目", "stage": "signed",
            "total_investment": "25000.50", "landing_unit_name": "东昌府区"}
    [item] = entry["items"]  # the closed one is not open
    assert {k: item[k] for k in ("id", "category", "status", "assignee_unit_name", "raised_by_unit_name", "overdue",
                                 "days_open", "escalated")} == {
        "id": escalated["item"], "category": "land", "status": "escalated", "assignee_unit_name": "市国土资源局",
        "raised_by_unit_name": "东昌府区", "overdue": True, "days_open": 5, "escalated": True}


def test_the_threshold_and_the_quarter(client, token_for, project, escalated):
    leader = token_for("leader")
    # above the project's size it stays on the list only because an item was escalated to this quarter
    big = client.get(URL, headers=leader, params={"min_investment": "30000"}).json()
    assert [p["project_id"] for p in big["projects"]] == [project["id"]]
    later = client.get(URL, headers=leader, params={"min_investment": "30000", "year": escalated["year"] + 1,
                                                    "quarter": 1}).json()
    assert later["projects"] == []
    assert client.get(URL, headers=leader, params={"year": escalated["year"] + 1, "quarter": 1}).json()[
        "projects"][0]["items"][0]["escalated"] is False  # major anyway; not escalated to that meeting
    assert client.get(URL, headers=leader, params={"quarter": 5}).status_code == 422
    assert client.get(URL, headers=token_for("dcf_editor")).status_code == 403
    assert client.get(URL, headers={}).status_code == 401


def test_the_workbook(client, token_for, escalated):
    response = client.get(f"{URL}.xlsx", headers=token_for("office"))
    assert response.status_code == 200
    assert f'filename="meeting-list-{escalated["year"]}Q{escalated["quarter"]}.xlsx"' in \
        response.headers["content-disposition"]
    wb = load_workbook(BytesIO(response.content))
    assert wb.sheetnames == ["协调事项", "说明"]
    ws = wb["协调事项"]
    header = [c.value for c in ws[3]]
    assert header[:5] == ["序号", "项目", "阶段", "总投资（万元）", "落地单位"]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=4, max_row=ws.max_row)]
    row = next(r for r in rows if r[1] == "重卡新能源零部件项目")
    as_dict = dict(zip(header, row, strict=True))
    columns = ("阶段", "总投资（万元）", "类别", "责任单位", "已历天数")
    assert [as_dict[c] for c in columns] == ["签约", 25000.5, "土地", "市国土资源局", 5]
    assert as_dict["状态"] == "提交本季会议，超期"
    assert "临时用电未接入" not in str(rows)


def test_the_pdf(client, token_for, escalated, tmp_path):
    response = client.get(f"{URL}.pdf", headers=token_for("office"))
    assert response.status_code == 200 and response.headers["content-type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    if not shutil.which("pdftotext"):
        if os.environ.get("CI") == "true":
            pytest.fail("poppler-utils (pdftotext) missing on CI")
        pytest.skip("poppler-utils not installed")
    path = tmp_path / "meeting.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True,  # noqa: S603,S607
                          text=True).stdout
    assert "重大项目协调事项清单" in text and "市国土资源局" in text and "重卡新能源零部件" in text
    assert "已嵌入" in text  # the CJK font is embedded, as in the dispatch report


def test_the_pdf_takes_the_longest_texts(client, token_for, project, clock):
    """A 2,000-character description in a narrow column would outgrow a page (reportlab refuses such a row): the
    PDF shortens it, the workbook keeps it whole."""
    long = "用地指标" * 500
    assert raise_item(client, token_for("dcf_editor"), project["id"], description=long, ask=long).status_code == 201
    assert client.get(f"{URL}.pdf", headers=token_for("office")).status_code == 200
    ws = load_workbook(BytesIO(client.get(f"{URL}.xlsx", headers=token_for("office")).content))["协调事项"]
    assert long in [c.value for c in ws[4]]
