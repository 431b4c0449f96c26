"""A narrow search and a wide one are answered by different shapes of query; both find the same rows."""

import pytest

from app.core import search


@pytest.mark.parametrize(
    "path,q", [("/api/v1/projects", "项目"), ("/api/v1/visits", "企业"), ("/api/v1/leads", "企业")]
)
def test_both_shapes_find_the_same_rows(client, token_for, make_enterprise, monkeypatch, path: str, q: str) -> None:
    editor = token_for("dcf_editor")
    for n in range(3):
        ent = make_enterprise(f"甲{n}企业有限公司")
        for url, body in (("/api/v1/projects", {"name": f"新材料项目{n}", "total_investment": "100",
                                              "enterprise_ids": [ent.id]}),
                          ("/api/v1/visits", {"enterprise_id": ent.id, "visit_date": "2019-05-06", "region": "other",
                                           "outcome": "洽谈"}),
                          ("/api/v1/leads", {"enterprise_id": ent.id, "source": "own_research",
                                          "received_on": "2019-04-01"})):
            created = client.post(url, headers=editor, json=body)
            assert created.status_code == 201, created.text

    def ids() -> list[int]:
        r = client.get(path, headers=editor, params={"q": q, "limit": 200})
        assert r.status_code == 200, r.text
        return [row["id"] for row in r.json()["data"]]

    monkeypatch.setattr(search, "WIDE", 10**9)  # never wide: the union of indexed arms
    narrow = ids()
    monkeypatch.setattr(search, "WIDE", 1)  # always wide: the list's own order, filtered
    wide = ids()
    assert len(narrow) >= 3
    assert wide == narrow
