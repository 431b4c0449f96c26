"""Sign-ins go to their own log, not the audit history of records (a row per login drowned the changes)."""

from tests.auth.test_login import login


def test_sign_ins_are_logged_apart_and_leave_the_audit_history_alone(client, token_for, user):
    office = token_for("office")
    before = client.get("/api/v1/audit-events", headers=office, params={"entity": "app_user"}).json()["data"]
    assert login(client, "dcf_editor").status_code == 200
    assert login(client, "dcf_editor", "not-the-password").status_code == 400
    assert login(client, "nobody-here", "not-the-password").status_code == 400

    after = client.get("/api/v1/audit-events", headers=office, params={"entity": "app_user"}).json()["data"]
    assert [e["id"] for e in after] == [e["id"] for e in before]  # no "最近登录" row
    log = client.get("/api/v1/auth/sign-ins", headers=office).json()
    assert [(r["username"], r["succeeded"]) for r in log["data"][:3]] == [
        ("nobody-here", False), ("dcf_editor", False), ("dcf_editor", True)]
    assert log["data"][2]["user_id"] == user("dcf_editor").id and log["data"][0]["user_id"] is None
    assert log["data"][2]["unit_id"] == user("dcf_editor").unit_id

    failed = client.get("/api/v1/auth/sign-ins", headers=office, params={"succeeded": False, "username": "DCF_editor"})
    assert [r["username"] for r in failed.json()["data"]] == ["dcf_editor"]
    first = client.get("/api/v1/auth/sign-ins", headers=office, params={"limit": 2}).json()
    rest = client.get("/api/v1/auth/sign-ins", headers=office, params={"cursor": first["next_cursor"]}).json()
    assert [r["id"] for r in first["data"] + rest["data"]][:3] == [r["id"] for r in log["data"][:3]]


def test_a_user_change_beside_a_sign_in_is_still_history(client, token_for, user, db):
    """Only a change of the sign-in stamp alone is left out; an edit of the user is recorded as before."""
    admin = token_for("admin")
    target = user("dcf_viewer")
    response = client.patch(f"/api/v1/users/{target.id}", headers=admin, json={"display_name": "东昌府区 查看员（新）"})
    assert response.status_code == 200, response.text
    rows = client.get("/api/v1/audit-events", headers=admin,
                      params={"entity": "app_user", "entity_id": str(target.id)}).json()["data"]
    assert rows[0]["after"]["display_name"] == "东昌府区 查看员（新）"


def test_only_the_office_and_admins_read_the_sign_in_log(client, token_for):
    assert client.get("/api/v1/auth/sign-ins", headers=token_for("dcf_editor")).status_code == 403
    assert client.get("/api/v1/auth/sign-ins").status_code == 401
    assert client.get("/api/v1/auth/sign-ins", headers=token_for("admin")).status_code == 200


def test_crafted_filters_answer_422(client, token_for):
    office = token_for("office")
    for params in ({"since": "2020-01-01T00:00:00"}, {"cursor": 2**40}, {"succeeded": "maybe"}, {"limit": 0}):
        response = client.get("/api/v1/auth/sign-ins", headers=office, params=params)
        assert response.status_code == 422, (params, response.text)
