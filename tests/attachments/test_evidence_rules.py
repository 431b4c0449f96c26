"""The office's evidence rules: which files a record needs before it is submitted."""

from tests.attachments.conftest import PDF, upload
from tests.projects.helpers import move, report

ALL_OFF = {"project_contract": False, "funds_receipt": False, "event_sign_in_sheet": False, "event_photo": False,
           "visit_photo": False}


def set_rules(client, headers, **on):
    return client.put("/api/v1/attachments/rules", headers=headers,
                      json={"rules": {**ALL_OFF, **on}, "reason": "核实需凭证"})


def test_rules_default_off_and_are_versioned_settings(client, token_for):
    current = client.get("/api/v1/attachments/rules", headers=token_for("dcf_viewer")).json()
    assert current["id"] is None and current["rules"] == ALL_OFF
    assert "签约合同" in current["descriptions"]["project_contract"]
    saved = set_rules(client, token_for("office"), project_contract=True)
    assert saved.status_code == 200 and saved.json()["rules"]["project_contract"] is True
    assert saved.json()["created_by"] == "office" and saved.json()["reason"] == "核实需凭证"
    assert set_rules(client, token_for("dcf_editor"), project_contract=False).status_code == 403
    bad = client.put(
        "/api/v1/attachments/rules", headers=token_for("office"), json={"rules": {"x": True}, "reason": "r"}
    )
    assert bad.status_code == 422


def test_a_signed_project_without_its_contract_is_refused_when_the_rule_is_on(client, token_for, project):
    editor, url = token_for("grp01_editor"), f"/api/v1/projects/{project['id']}"
    set_rules(client, token_for("office"), project_contract=True)
    assert client.get(f"{url}/attachments", headers=editor).json()["missing"] == ["contract"]
    upload(client, editor, url, category="photo")  # another category does not count
    refused = move(client, editor, url, "submit")
    assert refused.status_code == 422 and refused.json()["type"].endswith("/incomplete")
    assert refused.json()["detail"] == "报送前请上传附件：合同"
    assert [(e["field"], e["category"]) for e in refused.json()["errors"]] == [("attachments", "contract")]
    assert upload(client, editor, url).status_code == 201
    assert client.get(f"{url}/attachments", headers=editor).json()["missing"] == []
    assert move(client, editor, url, "submit").status_code == 200


def test_the_same_project_is_accepted_when_the_rule_is_off(client, token_for, project):
    set_rules(client, token_for("office"), project_contract=False, funds_receipt=True)
    assert move(client, token_for("grp01_editor"), f"/api/v1/projects/{project['id']}", "submit").status_code == 200


def test_a_project_in_talks_needs_no_contract(client, token_for, ent, unit):
    from tests.projects.helpers import create_project
    set_rules(client, token_for("office"), project_contract=True)
    p = create_project(client, token_for("grp01_editor"), ent, unit, stage="negotiating", signed_on=None,
                       negotiating_on="2019-01-05").json()
    assert move(client, token_for("grp01_editor"), f"/api/v1/projects/{p['id']}", "submit").status_code == 200


def test_a_funds_report_needs_its_receipt(client, token_for, project):
    set_rules(client, token_for("office"), funds_receipt=True)
    county = token_for("dcf_editor")
    r = report(client, county, project["id"], "2019-06", "12500").json()
    url = f"/api/v1/funds-reports/{r['id']}"
    assert move(client, county, url, "submit").status_code == 422
    assert upload(client, county, url, content=PDF, name="银行回单.pdf", category="receipt").status_code == 201
    assert move(client, county, url, "submit").status_code == 200
