"""Who reads which items (a department exactly those assigned to it or raised by it), the list's filters, and
"overdue" / "days open" counted on the city's dates with a frozen clock."""

from datetime import timedelta

import pytest

from tests.coordination.conftest import raise_item, step


def ids(client, headers, **params):
    response = client.get("/api/v1/coordination-items", headers=headers, params=params)
    assert response.status_code == 200, response.text
    return sorted(i["id"] for i in response.json()["data"])


@pytest.fixture
def items(client, token_for, project, land_dept_editor, unit, clock):
    """to_land: raised by the county, assigned to the land bureau; to_fgw: raised by the county, assigned to the
    发改委; by_jxw: raised by the 经信委 (it holds a credit share), not assigned."""
    county, office = token_for("dcf_editor"), token_for("office")
    due = (clock.day + timedelta(days=3)).isoformat()
    to_land = raise_item(client, county, project["id"]).json()["id"]
    to_fgw = raise_item(client, county, project["id"], category="planning").json()["id"]
    by_jxw = raise_item(client, token_for("jxw_editor"), project["id"], category="utilities").json()["id"]
    step(client, office, to_land, "assign", assignee_unit_id=unit("DEPT-GTJ").id, due_date=due)
    step(client, office, to_fgw, "assign", assignee_unit_id=unit("DEPT-FGW").id, due_date=due)
    return {"to_land": to_land, "to_fgw": to_fgw, "by_jxw": by_jxw}


def test_a_department_sees_only_what_it_raised_or_was_assigned(client, token_for, items, land_dept_editor):
    everything = sorted(items.values())
    for city_wide in ("office", "leader", "admin"):
        assert ids(client, token_for(city_wide)) == everything
    # the county (and its viewer) read the two it raised, not the 经信委's item on the same project
    assert ids(client, token_for("dcf_editor")) == ids(client, token_for("dcf_viewer")) == sorted(
        [items["to_land"], items["to_fgw"]])
    assert ids(client, token_for(land_dept_editor)) == [items["to_land"]]
    # the 经信委 may see the project (it holds a share) but reads only the item it raised
    assert ids(client, token_for("jxw_editor")) == [items["by_jxw"]]
    assert client.get(f"/api/v1/coordination-items/{items['to_fgw']}", headers=token_for("jxw_editor")).status_code \
        == 404
    assert ids(client, token_for("linqing_editor")) == []
    for item_id in items.values():
        assert client.get(f"/api/v1/coordination-items/{item_id}", headers=token_for("linqing_editor")).status_code \
            == 404
    assert client.get("/api/v1/coordination-items", headers={}).status_code == 401


def test_list_filters(client, token_for, items, project, unit):
    office = token_for("office")
    assert ids(client, office, status="raised") == [items["by_jxw"]]
    assert ids(client, office, assignee_unit_id=unit("DEPT-GTJ").id) == [items["to_land"]]
    assert ids(client, office, project_id=project["id"]) == sorted(items.values())
    assert ids(client, office, project_id=999999) == []
    bad = client.get("/api/v1/coordination-items", headers=office, params={"status": "stuck"})
    assert bad.status_code == 422
    unknown = client.get("/api/v1/coordination-items", headers=office, params={"sort": "id"})
    assert unknown.status_code == 422
    first = client.get("/api/v1/coordination-items", headers=office, params={"limit": 2}).json()
    rest = client.get("/api/v1/coordination-items", headers=office,
                      params={"limit": 2, "cursor": first["next_cursor"]}).json()
    assert [i["id"] for i in first["data"] + rest["data"]] == sorted(items.values(), reverse=True)


def test_overdue_is_counted_on_dates(client, token_for, items, clock):
    office = token_for("office")
    item = items["to_land"]

    def read():
        return client.get(f"/api/v1/coordination-items/{item}", headers=office).json()

    assert (read()["overdue"], read()["days_open"]) == (False, 0)
    clock.advance(3)  # the due date itself: not yet overdue
    assert (read()["overdue"], read()["days_open"]) == (False, 3)
    assert ids(client, office, overdue=True) == []
    clock.advance(4)  # the day after
    assert (read()["overdue"], read()["days_open"]) == (True, 4)
    assert ids(client, office, overdue=True) == sorted([items["to_land"], items["to_fgw"]])
    assert ids(client, office, overdue=False) == [items["by_jxw"]]  # never assigned: no due date
    step(client, office, item, "close", note="已解决")
    clock.advance(30)
    closed = read()
    assert (closed["overdue"], closed["days_open"]) == (False, 0)  # closed the day it was raised (real today)
    assert ids(client, office, overdue=True) == [items["to_fgw"]]
