"""Submitting a project needs what its figures read; a draft may be incomplete, and nothing is filled in for it."""

import pytest

from tests.projects.helpers import create_project, move, patch


@pytest.fixture
def half(client, token_for, ent, unit):
    """A signed draft with a total of 0, no signing date and no landing unit (the group's own credit)."""
    def make(who="grp01_editor", **extra):
        body = {"total_investment": "0", "signed_on": None, "landing_unit_id": None, "credits": [], **extra}
        response = create_project(client, token_for(who), ent, unit, **body)
        assert response.status_code == 201, response.text
        return response.json()
    return make


def test_an_incomplete_draft_is_saved_as_it_is(half):
    p = half()
    assert (p["status"], p["total_investment"], p["signed_on"], p["negotiating_on"], p["landing_unit_id"]) == \
        ("draft", "0.00", None, None, None)


def test_submit_lists_every_missing_field_in_chinese(client, token_for, half, unit):
    editor = token_for("grp01_editor")
    p = half()
    url = f"/api/v1/projects/{p['id']}"
    refused = move(client, editor, url, "submit")
    assert refused.status_code == 422 and refused.headers["content-type"] == "application/problem+json"
    body = refused.json()
    assert body["type"].endswith("/incomplete")
    assert body["detail"] == "报送前请补全：总投资、在谈日期、签约日期、落地单位"
    assert [e["field"] for e in body["errors"]] == ["total_investment", "negotiating_on", "signed_on",
                                                    "landing_unit_id"]
    assert client.get(url, headers=editor).json()["status"] == "draft"
    fixed = patch(client, editor, url, 1, total_investment="500", signed_on="2019-05-20",
                  landing_unit_id=unit("371502").id)
    assert fixed.status_code == 200 and fixed.json()["negotiating_on"] == "2019-05-20"  # the stage passed takes it
    assert move(client, editor, url, "submit").json()["status"] == "submitted"


def test_a_negotiating_project_of_a_group_needs_no_landing_unit_yet(client, token_for, half):
    p = half(stage="negotiating", total_investment="100", negotiating_on="2019-01-05")
    assert move(client, token_for("grp01_editor"), f"/api/v1/projects/{p['id']}", "submit").status_code == 200


def test_a_countys_own_project_needs_its_landing_unit_even_in_talks(client, token_for, half):
    p = half(who="dcf_editor", stage="negotiating", total_investment="100", negotiating_on="2019-01-05")
    refused = move(client, token_for("dcf_editor"), f"/api/v1/projects/{p['id']}", "submit")
    assert refused.status_code == 422 and [e["field"] for e in refused.json()["errors"]] == ["landing_unit_id"]


def test_a_dropped_project_needs_its_drop_date(client, token_for, half, unit):
    p = half(stage="dropped", drop_reason="撤资", total_investment="100", landing_unit_id=unit("371502").id)
    refused = move(client, token_for("grp01_editor"), f"/api/v1/projects/{p['id']}", "submit")
    assert [e["field"] for e in refused.json()["errors"]] == ["dropped_on"]


@pytest.mark.parametrize(("who", "status"), [("anonymous", 401), ("unit_viewer", 403), ("leader", 403)])
def test_who_may_not_submit(client, headers_for, half, who, status):
    p = half(who="dcf_editor")
    assert move(client, headers_for(who), f"/api/v1/projects/{p['id']}", "submit").status_code == status


def test_another_unit_gets_404(client, token_for, half):
    p = half()
    assert move(client, token_for("linqing_editor"), f"/api/v1/projects/{p['id']}", "submit").status_code == 404
