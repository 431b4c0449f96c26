"""Units as data, and the row scope on a unit's members."""


def test_seeded_liaocheng_units(client, token_for):
    headers = token_for("leader")
    counts = {t: client.get(f"/api/v1/units?type={t}", headers=headers).json()["count"]
              for t in ("office", "industry_group", "county", "dev_zone", "department", "chamber")}
    assert counts["office"] == 1 and counts["industry_group"] == 11 and counts["county"] == 8
    assert counts["dev_zone"] == 3 and counts["department"] >= 12 and counts["chamber"] >= 3
    names = {u["name_zh"] for u in client.get("/api/v1/units?type=county", headers=headers).json()["data"]}
    assert {"东昌府区", "临清市", "阳谷县", "莘县", "茌平县", "东阿县", "冠县", "高唐县"} == names
    assert len(client.get("/api/v1/clusters", headers=headers).json()["data"]) == 9


def test_group_links_to_lead_departments_and_clusters(client, token_for, unit):
    detail = client.get(f"/api/v1/units/{unit('GRP-04').id}", headers=token_for("office")).json()
    leads = {link["related_unit_id"] for link in detail["links"] if link["kind"] == "lead_department"}
    assert leads == {unit("DEPT-WJW").id, unit("DEPT-MZJ").id}
    assert len(detail["cluster_ids"]) == 1


def test_admin_creates_and_edits_a_unit(client, token_for):
    admin = token_for("admin")
    created = client.post("/api/v1/units", headers=admin,
                          json={"code": "CHB-CD", "type": "chamber", "name_zh": "成都聊城商会", "cluster_ids": []})
    assert created.status_code == 201
    uid = created.json()["id"]
    updated = client.patch(f"/api/v1/units/{uid}", headers=admin, json={"active": False, "name_en": "Chengdu"})
    assert updated.json()["active"] is False and updated.json()["name_en"] == "Chengdu"
    dup = client.post("/api/v1/units", headers=admin, json={"code": "CHB-CD", "type": "chamber", "name_zh": "重复"})
    assert dup.status_code == 409


def test_unknown_cluster_is_refused_and_nothing_is_written(client, token_for):
    admin = token_for("admin")
    bad = client.post("/api/v1/units", headers=admin,
                      json={"code": "X-1", "type": "department", "name_zh": "测试局", "cluster_ids": [999]})
    assert bad.status_code == 422
    assert client.get("/api/v1/units?q=X-1", headers=admin).json()["count"] == 0


def test_editor_sees_own_unit_members(client, token_for, unit):
    response = client.get(f"/api/v1/units/{unit('371502').id}/members", headers=token_for("dcf_editor"))
    assert response.status_code == 200
    assert {m["username"] for m in response.json()["data"]} == {"dcf_editor", "dcf_viewer"}


def test_other_units_members_answer_404_not_403(client, token_for, unit):
    response = client.get(f"/api/v1/units/{unit('371581').id}/members", headers=token_for("dcf_editor"))
    assert response.status_code == 404
    assert "linqing" not in response.text
    missing = client.get("/api/v1/units/99999/members", headers=token_for("dcf_editor"))
    assert missing.status_code == 404 and missing.json()["detail"] == response.json()["detail"]


def test_office_sees_any_units_members(client, token_for, unit):
    response = client.get(f"/api/v1/units/{unit('371581').id}/members", headers=token_for("office"))
    assert [m["username"] for m in response.json()["data"]] == ["linqing_editor"]


def test_user_role_must_match_unit_binding(client, token_for, unit):
    admin = token_for("admin")
    body = {"username": "new_editor", "display_name": "新录入员", "password": "long-enough-pw", "role": "unit_editor"}
    assert client.post("/api/v1/users", headers=admin, json=body).status_code == 422
    assert client.post("/api/v1/users", headers=admin, json={**body, "unit_id": unit("371502").id}).status_code == 201
    office_elsewhere = {**body, "username": "bad_office", "role": "office", "unit_id": unit("371502").id}
    assert client.post("/api/v1/users", headers=admin, json=office_elsewhere).status_code == 422
