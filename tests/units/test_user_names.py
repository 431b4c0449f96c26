"""Display names for the login names records carry, for everyone who reads records, scoped like the records."""


def _names(client, headers):
    response = client.get("/api/v1/users/names", headers=headers)
    assert response.status_code == 200, response.text
    return {n["username"]: n["display_name"] for n in response.json()["data"]}


def test_a_unit_editor_gets_its_own_units_staff_and_the_city_wide_staff(client, token_for):
    names = _names(client, token_for("dcf_editor"))
    assert names["dcf_viewer"] == "东昌府区 查看员" and names["office"] == "办公室 王科长"
    assert names["leader"] == "市领导（只读）"
    assert "linqing_editor" not in names and "grp01_editor" not in names  # another unit's staff


def test_the_office_gets_everyone(client, token_for):
    names = _names(client, token_for("office"))
    assert names["linqing_editor"] == "临清市 录入员" and names["grp01_editor"] == "新材料团组 录入员"
    assert "password_hash" not in str(client.get("/api/v1/users/names", headers=token_for("office")).json())


def test_anonymous_gets_nothing(client):
    assert client.get("/api/v1/users/names").status_code == 401
