"""Crafted input (finding 6): forged cursors, ids past 2^63, non-finite numbers, NUL and lone surrogates,
implausible dates. Each answers a 4xx problem+json with a Chinese detail, never a 500, and writes nothing."""

import base64
import json
from datetime import timedelta

import pytest

from app.core.time import city_today

VISIT = {"visit_date": "2019-05-06", "region": "jingjinji", "place": "北京市海淀区", "leader_level": "county_leader",
         "leader_name": "张县长", "outcome": "达成初步合作意向"}
TOMORROW = (city_today() + timedelta(days=1)).isoformat()


def _cursor(payload) -> str:
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")


def _assert_refused(response, status=422):
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert any("\u4e00" <= ch <= "\u9fff" for ch in response.json()["detail"] + json.dumps(
        response.json().get("errors", []), ensure_ascii=False))


@pytest.fixture
def ent(make_enterprise):
    return make_enterprise("中国建材集团有限公司")


def _visits(client, headers) -> int:
    return len(client.get("/api/v1/visits", headers=headers).json()["data"])


@pytest.mark.parametrize("cursor", [
    _cursor({"s": "-visit_date", "v": "2019-01-01", "id": 2**63}),
    _cursor({"s": "-visit_date", "v": "2019-01-01", "id": True}),
    _cursor({"s": "-visit_date", "v": "2019-01-01", "id": "1"}),
    _cursor({"s": "-visit_date", "v": 5, "id": 1}),
    _cursor({"s": "-visit_date", "v": "9999-99-99", "id": 1}),
    _cursor({"s": "-updated_at", "v": "2019-01-01T00:00:00", "id": 1}),
    _cursor({"s": "-updated_at", "v": "2019-01-01T00:00:00+00:00", "id": 2**64}),
    _cursor([1, 2]), "%%%", "\u00e9t\u00e9",
])
def test_forged_list_cursor_is_a_422(client, token_for, cursor):
    response = client.get("/api/v1/visits", headers=token_for("office"),
                          params={"cursor": cursor, "sort": json.loads(base64.urlsafe_b64decode(
                              cursor + "=" * (-len(cursor) % 4))).get("s", "-visit_date")
                              if cursor.isascii() and cursor not in ("%%%",) and cursor.startswith("ey") else
                              "-visit_date"})
    _assert_refused(response)


@pytest.mark.parametrize("cursor", [
    _cursor(["2019-01-01T00:00:00", "visit", 1]), _cursor(["2019-01-01T00:00:00+00:00", "visit", 2**63]),
    _cursor(["2019-01-01T00:00:00+00:00", "visit", "x"]), _cursor([1, "visit", 1]), _cursor({"a": 1}), "%%%",
])
def test_forged_queue_cursor_is_a_422(client, token_for, cursor):
    _assert_refused(client.get("/api/v1/verification/queue", headers=token_for("office"), params={"cursor": cursor}))


@pytest.mark.parametrize("path", ["/api/v1/visits/9223372036854775808", "/api/v1/visits/99999999999999999999999",
                                  "/api/v1/projects/9223372036854775808", "/api/v1/leads/-9223372036854775809"])
def test_id_past_the_int_range_in_a_path_is_a_422(client, token_for, path):
    _assert_refused(client.get(path, headers=token_for("office")))


@pytest.mark.parametrize(("field", "value"), [
    ("enterprise_id", 2**63), ("enterprise_id", True), ("enterprise_id", 1e999999), ("unit_id", 2**63),
    ("unit_id", False), ("place", "北京\x00"), ("outcome", "\ud800"), ("leader_name", "\udfff张"),
    ("visit_date", "9999-12-31"), ("visit_date", "9999-12-30"), ("visit_date", "0001-01-01"),
    ("visit_date", "1899-12-31"), ("visit_date", "3000-01-01"), ("visit_date", TOMORROW),
])
def test_crafted_visit_body_is_a_422_and_writes_nothing(client, token_for, ent, field, value):
    headers = token_for("dcf_editor")
    before = _visits(client, headers)
    body = json.dumps({**VISIT, "enterprise_id": ent.id, field: value}, allow_nan=True)
    if isinstance(value, float):
        body = body.replace("Infinity", "1e999999")
    response = client.post("/api/v1/visits", headers={**headers, "Content-Type": "application/json"}, content=body)
    _assert_refused(response)
    assert _visits(client, headers) == before


@pytest.mark.parametrize("raw", ["Infinity", "-Infinity", "NaN", "1e999999"])
@pytest.mark.parametrize(
    ("url", "field"), [("/api/v1/leads", "intended_amount"), ("/api/v1/projects", "total_investment")]
)
def test_non_finite_money_is_a_422(client, token_for, ent, url, field, raw):
    body = {"enterprise_id": ent.id, "source": "chamber", "received_on": "2019-04-01", "contact_name": "王经理",
            "description": "拟投资", field: "__RAW__"}
    response = client.post(url, headers={**token_for("office"), "Content-Type": "application/json"},
                           content=json.dumps(body).replace('"__RAW__"', raw))
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")


def test_invalid_utf8_in_a_query_string_is_read_as_a_replacement_character(client, token_for):
    """Bytes of a lone surrogate arrive as U+FFFD: a search that finds nothing, not a 500."""
    assert client.get("/api/v1/visits?q=%ED%A0%80", headers=token_for("office")).status_code == 200


@pytest.mark.parametrize("query", ["q=%00", "enterprise_id=9223372036854775808",
                                   "unit_id=true", "limit=1e999999", "sort=%00"])
def test_crafted_query_string_is_a_4xx(client, token_for, query):
    response = client.get(f"/api/v1/visits?{query}", headers=token_for("office"))
    assert 400 <= response.status_code < 500, response.text
    assert response.headers["content-type"].startswith("application/problem+json")


@pytest.mark.parametrize(("url", "body"), [
    ("/api/v1/leads", {"source": "chamber", "received_on": "1899-01-01", "contact_name": "王", "description": "x"}),
    ("/api/v1/leads", {"source": "chamber", "received_on": TOMORROW, "contact_name": "王", "description": "x"}),
    ("/api/v1/events", {"kind": "promotion", "title": "推介会", "event_date": "9999-12-31", "region": "yangtze_delta",
                     "place": "上海"}),
    ("/api/v1/events", {"kind": "promotion", "title": "推介会", "event_date": TOMORROW, "region": "yangtze_delta",
                     "place": "上海"}),
    ("/api/v1/target-sets", {"code": "2078", "name": "远期", "start_date": "2078-01-01", "end_date": "2078-12-31"}),
    ("/api/v1/target-sets", {"code": "1999", "name": "过早", "start_date": "1999-01-01", "end_date": "1999-12-31"}),
])
def test_implausible_record_dates_are_refused_beside_the_field(client, token_for, ent, url, body):
    response = client.post(url, headers=token_for("office"), json={"enterprise_id": ent.id, **body}
                           if url == "/api/v1/leads" else {**body, **({"enterprise_ids": [ent.id]}
                                                                   if url == "/api/v1/events" else {})})
    _assert_refused(response)
    fields = {e["field"] for e in response.json()["errors"]}
    assert fields & {"received_on", "event_date", "start_date", "end_date"}


@pytest.mark.parametrize("field", ["signed_on", "negotiating_on"])
@pytest.mark.parametrize("value", ["9999-12-31", "0001-01-01", TOMORROW])
def test_implausible_stage_dates_are_refused(client, token_for, ent, unit, field, value):
    from tests.projects.helpers import create_project
    response = create_project(client, token_for("office"), ent, unit, **{field: value})
    _assert_refused(response)
    assert response.json()["errors"][0]["field"] == field


@pytest.mark.parametrize("year", [2024, 2026])
def test_ranking_of_a_set_without_targets_or_records_is_empty(client, token_for, year):
    """A new target set (the probe's was for 2078, now refused) ranks nothing rather than failing."""
    office = token_for("office")
    created = client.post("/api/v1/target-sets", headers=office, json={
        "code": "2024-2026", "name": "近期方案", "start_date": "2024-01-01", "end_date": "2026-12-31"})
    assert created.status_code == 201, created.text
    response = client.get("/api/v1/progress/ranking", headers=office,
                          params={"year": year, "unit_type": "county", "target_set_id": created.json()["id"]})
    assert response.status_code == 200, response.text
    assert response.json()["overall"] == [] and response.json()["by_target"] == []


@pytest.mark.parametrize("year", [2078, 2030])
def test_assessment_of_a_year_without_data_does_not_fail(client, token_for, year):
    response = client.get(f"/api/v1/assessment/{year}", headers=token_for("office"))
    assert response.status_code in (200, 404, 422), response.text
    assert response.status_code == 200 or response.headers["content-type"].startswith("application/problem+json")
