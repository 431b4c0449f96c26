"""Negative 万元 is refused for every money field of every kind, on create and on change: 422 naming the field."""

import pytest

from tests.projects.helpers import create_project, project_body


@pytest.fixture
def ent(make_enterprise):
    return make_enterprise("中国重汽集团有限公司")


def _assert_refused(response, field: str, zh: str) -> None:
    assert response.status_code == 422, response.text
    body = response.json()
    assert response.headers["content-type"] == "application/problem+json"
    assert [(e["field"], e["message"]) for e in body["errors"]] == [(field, "不能为负数")]
    assert body["detail"] == f"{zh}（{field}）：不能为负数"


@pytest.mark.parametrize(("field", "zh"), [("total_investment", "总投资"), ("outside_province_investment", "省外资金"),
                                           ("foreign_investment", "外资")])
def test_project_money(client, token_for, ent, unit, field, zh):
    editor = token_for("grp01_editor")
    _assert_refused(client.post("/api/v1/projects", headers=editor, json=project_body(ent, unit, **{field: "-0.01"})),
                    field, zh)
    project = create_project(client, editor, ent, unit).json()
    _assert_refused(client.patch(f"/api/v1/projects/{project['id']}", headers={**editor, "If-Match": '"1"'},
                                 json={field: -5}), field, zh)


def test_lead_intended_amount(client, token_for, ent):
    editor = token_for("dcf_editor")
    body = {"enterprise_id": ent.id, "source": "chamber", "received_on": "2019-03-01"}
    _assert_refused(client.post("/api/v1/leads", headers=editor, json={**body, "intended_amount": "-100"}),
                    "intended_amount", "意向投资额")
    lead = client.post("/api/v1/leads", headers=editor, json={**body, "intended_amount": "0"})
    assert lead.status_code == 201 and lead.json()["intended_amount"] == "0.00"
    _assert_refused(client.patch(f"/api/v1/leads/{lead.json()['id']}", headers={**editor, "If-Match": '"1"'},
                                 json={"intended_amount": "-1.5"}), "intended_amount", "意向投资额")


def test_funds_amount(client, token_for, ent, unit):
    editor = token_for("grp01_editor")
    project = create_project(client, editor, ent, unit).json()
    body = {"project_id": project["id"], "period": "2019-06"}
    _assert_refused(
        client.post("/api/v1/funds-reports", headers=editor, json={**body, "amount": "-10"}), "amount", "金额"
    )
    zero = client.post("/api/v1/funds-reports", headers=editor, json={**body, "amount": "0"})
    assert zero.status_code == 422 and zero.json()["errors"][0]["message"] == "应大于 0"  # not negative: a range
    report = client.post("/api/v1/funds-reports", headers=editor, json={**body, "amount": "10"}).json()
    _assert_refused(client.patch(f"/api/v1/funds-reports/{report['id']}", headers={**editor, "If-Match": '"1"'},
                                 json={"amount": "-0.5"}), "amount", "金额")


@pytest.mark.parametrize(("who", "status"), [("anonymous", 401), ("unit_viewer", 403)])
def test_authentication_and_role_come_before_the_body(client, headers_for, ent, unit, who, status):
    response = client.post("/api/v1/projects", headers=headers_for(who),
                           json=project_body(ent, unit, total_investment="-1"))
    assert response.status_code == status
