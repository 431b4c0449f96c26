"""Paging a list at depth: row-value keyset pages with many equal sort values, totals capped, forged cursors."""

import base64
import json
from datetime import UTC, date, datetime, timedelta

import pytest

from app.visits.models import Visit


@pytest.fixture
def many(db, unit, make_enterprise):
    """23 visits of one county on 3 dates, with created_at in 4 equal groups: most sort values tie."""
    ent = make_enterprise("潍柴动力股份有限公司")
    county = unit("371502").id
    base = datetime(2019, 5, 1, tzinfo=UTC)
    ids = []
    for n in range(23):
        v = Visit(unit_id=county, enterprise_id=ent.id, visit_date=date(2019, 5, 1 + n % 3), region="other",
                  created_by="t", created_at=base + timedelta(hours=n % 4), updated_at=base)
        db.add(v)
        db.flush()
        ids.append(v.id)
    db.commit()
    return ids


def pages(client, headers, **params):
    seen, cursor, totals = [], None, []
    while True:
        body = client.get("/api/v1/visits", headers=headers, params={
            "limit": 4, "with_total": cursor is None, **params, **({"cursor": cursor} if cursor else {})}).json()
        seen += [(v["id"], v[params["sort"].lstrip("-")]) for v in body["data"]]
        totals.append((body["total"], body["total_is_estimate"]))
        if not (cursor := body["next_cursor"]):
            return seen, totals


@pytest.mark.parametrize("sort", ["visit_date", "-visit_date", "created_at", "-created_at", "updated_at", "-id"])
def test_pages_neither_skip_nor_repeat_rows_with_equal_sort_values(client, token_for, many, sort):
    seen, totals = pages(client, token_for("dcf_editor"), sort=sort)
    assert sorted(i for i, _ in seen) == sorted(many)  # every row exactly once
    keys = [(value, i) for i, value in seen]
    assert keys == sorted(keys, reverse=sort.startswith("-"))  # in (sort, id) order across page boundaries
    assert totals[0] == (23, False) and len(totals) == 6


def test_a_total_past_the_cap_is_reported_as_a_lower_bound(client, token_for, many, monkeypatch):
    from app.core import pagination

    headers = token_for("dcf_editor")
    monkeypatch.setattr(pagination, "TOTAL_CAP", 23)
    exact = client.get("/api/v1/visits", headers=headers, params={"with_total": True, "limit": 1}).json()
    assert (exact["total"], exact["total_is_estimate"]) == (23, False)
    monkeypatch.setattr(pagination, "TOTAL_CAP", 22)
    capped = client.get("/api/v1/visits", headers=headers, params={"with_total": True, "limit": 1}).json()
    assert (capped["total"], capped["total_is_estimate"]) == (22, True)
    without = client.get("/api/v1/visits", headers=headers, params={"limit": 1}).json()
    assert (without["total"], without["total_is_estimate"]) == (None, False)


def test_an_export_still_counts_every_row_past_the_list_cap(client, token_for, many, monkeypatch):
    import io

    from openpyxl import load_workbook

    from app.core import pagination

    monkeypatch.setattr(pagination, "TOTAL_CAP", 5)
    response = client.get("/api/v1/visits/export.xlsx", headers=token_for("dcf_editor"))
    assert response.status_code == 200
    ws = load_workbook(io.BytesIO(response.content)).active
    ids = {row[0] for row in ws.iter_rows(values_only=True) if isinstance(row[0], int)}
    assert ids == set(many)


def forged(payload) -> str:
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).rstrip(b"=").decode()


@pytest.mark.parametrize(("sort", "payload"), [
    ("-created_at", {"s": "-created_at", "v": "2019-05-01T00:00:00", "id": 1}),  # no time zone
    ("-created_at", {"s": "-created_at", "id": 1}),  # no value
    ("-visit_date", {"s": "-visit_date", "v": "2019-05-01", "id": 2**70}),  # id wider than 64 bits
    ("-visit_date", {"s": "-visit_date", "v": "2019-05-01", "id": True}),
    ("-visit_date", {"s": "-visit_date", "v": 20190501, "id": 1}),
    ("-visit_date", {"s": "visit_date", "v": "2019-05-01", "id": 1}),  # another sort's cursor
    ("-visit_date", ["2019-05-01", 1]),
])
def test_a_forged_cursor_is_422_never_500(client, token_for, many, sort, payload):
    response = client.get("/api/v1/visits", headers=token_for("dcf_editor"),
                          params={"sort": sort, "cursor": forged(payload)})
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "cursor"
