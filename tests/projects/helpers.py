"""Request helpers shared by the project and funds tests."""

GROUP, COUNTY, DEPT, OTHER_COUNTY = "GRP-01", "371502", "DEPT-JXW", "371581"  # owner, landing, credited, unrelated


def project_body(ent, unit, **extra):
    """A signed project entered by the new-materials group, landing in 东昌府区, credited 60/40 to the group
    and the 经信委."""
    return {"name": "重卡新能源零部件项目", "enterprise_ids": [ent.id], "total_investment": "25000.50",
            "landing_unit_id": unit(COUNTY).id, "four_new": "new_industry", "advanced_class": "high_end_equipment",
            "stage": "signed", "signed_on": "2019-05-20",
            "credits": [{"unit_id": unit(GROUP).id, "share": "60"}, {"unit_id": unit(DEPT).id, "share": "40"}],
            **extra}


def create_project(client, headers, ent, unit, **extra):
    return client.post("/api/v1/projects", headers=headers, json=project_body(ent, unit, **extra))


def patch(client, headers, url, version, **body):
    return client.patch(url, headers={**headers, "If-Match": f'"{version}"'}, json=body)


def move(client, headers, url, action, reason=None):
    return client.post(f"{url}/transitions", headers=headers,
                       json={"action": action, **({"reason": reason} if reason else {})})


def report(client, headers, project_id, period, amount, **extra):
    return client.post("/api/v1/funds-reports", headers=headers,
                       json={"project_id": project_id, "period": period, "amount": amount, **extra})


def override(client, headers, project_id, reason="项目追加投资，合同待更新"):
    return client.post(f"/api/v1/projects/{project_id}/funds-override", headers=headers, json={"reason": reason})


def history(client, headers, entity, entity_id):
    events = client.get("/api/v1/audit-events", headers=headers, params={"entity": entity, "entity_id": entity_id})
    return [e["action"] for e in events.json()["data"]]
