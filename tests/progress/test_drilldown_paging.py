"""A drill-down's count and total equal its figure on every page, read from the rollup; pages by keyset."""

from datetime import date

from sqlalchemy import text

from tests.progress.conftest import figure


def walk(client, headers, params):
    """Every page of a drill-down: the rows seen and each page's (count, total)."""
    seen, heads, cursor = [], set(), None
    while True:
        response = client.get("/api/v1/progress/drilldown", headers=headers,
                              params={**params, **({"cursor": cursor} if cursor else {})})
        assert response.status_code == 200, response.text
        page = response.json()
        heads.add((page["count"], page["total"]))
        seen += [(r["on"], r["id"], r["value"]) for r in page["data"]]
        if not (cursor := page["next_cursor"]):
            return seen, heads


def test_every_page_carries_the_figure_and_pages_cover_each_row_once(world, progress, client, token_for, unit):
    for n in range(11):  # many rows on the same days: the keyset must break ties by id
        world.visit("371502", date(2019, 1 + n % 2, 1 + n % 3))
    world.visit("371502", date(2019, 6, 30), status="submitted")
    world.visit("371581", date(2019, 3, 1))
    world.visit("371502", date(2019, 3, 17))  # a partial month's day also counts (quarter window below)
    world.done()
    office = token_for("office")
    body = progress(2019)
    t14 = figure(body, "T14", "东昌府区")
    params = {"year": 2019, "target_id": t14["target_id"], "unit_id": unit("371502").id, "limit": 2}
    seen, heads = walk(client, office, params)
    assert heads == {(12, t14["actual"])} and t14["actual"] == "12.00"
    assert len(seen) == len({i for _, i, _ in seen}) == 12 and seen == sorted(seen)
    seen, heads = walk(client, office, {**params, "verified_only": False})
    assert heads == {(13, t14["reported"])} and len({i for _, i, _ in seen}) == 13


def test_weighted_money_pages_carry_the_figure(world, progress, client, token_for):
    p = world.project("GRP-01", "12000", landing="371502", credits={"DEPT-JXW": "40", "GRP-01": "60"},
                      signed_on=date(2019, 1, 1))
    for month in range(1, 8):
        world.funds(p, "371502", date(2019, month, 1), f"{month}00.07")
    world.done()
    t04 = figure(progress(2019), "T04")
    seen, heads = walk(client, token_for("office"), {"year": 2019, "target_id": t04["target_id"], "limit": 3})
    assert heads == {(7, t04["actual"])}
    assert len({i for _, i, _ in seen}) == len(seen) == 7  # rows' values are rounded each; the total once


def test_the_count_and_total_are_read_from_the_rollup_not_recounted(world, progress, client, token_for, unit,
                                                                      db):
    for d in (1, 2, 3):
        world.visit("371502", date(2019, 3, d))
    world.done()
    t14 = figure(progress(2019), "T14", "东昌府区")
    # the rollup's month rows say otherwise than the records: the drill-down shows what the figure is read from
    db.execute(text("UPDATE progress_rollup_month SET n = n + 40 WHERE unit_id = :u AND slice_id IN "
                    "(SELECT id FROM progress_rollup_slice WHERE metric = 'visits')"),
               {"u": unit("371502").id})
    db.commit()
    page = client.get("/api/v1/progress/drilldown", headers=token_for("office"), params={
        "year": 2019, "target_id": t14["target_id"], "unit_id": unit("371502").id}).json()
    assert page["count"] == 43 and page["total"] == "3.00" and len(page["data"]) == 3


def test_a_figure_of_the_region_with_fewest_shows_each_region(world, progress, client, token_for, set_rules):
    """T10's figure is the region with fewest events: its drill-down total is that figure, not the sum of all
    regions, and each region's count and total are listed and can be opened on their own."""
    for on, region in [(date(2019, 4, 1), "jingjinji"), (date(2019, 5, 1), "jingjinji"),
                       (date(2019, 6, 1), "yangtze_delta"), (date(2019, 7, 1), "yangtze_delta"),
                       (date(2019, 8, 1), "pearl_delta"), (date(2019, 9, 1), "other")]:
        world.event("OFFICE", on, "concentrated", region)
    world.done()
    t10 = figure(progress(2019), "T10")
    assert t10["actual"] == "1.00"
    office = token_for("office")
    params = {"year": 2019, "target_id": t10["target_id"]}
    body = client.get("/api/v1/progress/drilldown", headers=office, params=params).json()
    assert (body["count"], body["total"]) == (5, t10["actual"])
    assert [(p["region"], p["label_zh"], p["count"], p["total"]) for p in body["parts"]] == [
        ("jingjinji", "京津冀", 2, "2.00"), ("yangtze_delta", "长三角", 2, "2.00"),
        ("pearl_delta", "珠三角", 1, "1.00")]
    assert len(body["data"]) == 5
    one = client.get("/api/v1/progress/drilldown", headers=office, params={**params, "region": "yangtze_delta"}).json()
    assert (one["count"], one["total"], one["region"]) == (2, "2.00", "yangtze_delta")
    assert sorted(r["on"] for r in one["data"]) == ["2019-06-01", "2019-07-01"]
    set_rules(events_each_region=False)
    t10 = figure(progress(2019), "T10")
    body = client.get("/api/v1/progress/drilldown", headers=office, params=params).json()
    assert (body["count"], body["total"]) == (5, t10["actual"]) and t10["actual"] == "5.00"


def test_only_a_figure_by_region_is_opened_by_region(world, progress, client, token_for):
    world.visit("371502", date(2019, 3, 1))
    world.done()
    t14 = figure(progress(2019), "T14", "东昌府区")
    response = client.get("/api/v1/progress/drilldown", headers=token_for("office"),
                          params={"year": 2019, "target_id": t14["target_id"], "region": "jingjinji"})
    assert response.status_code == 422
    assert response.json()["type"] == "/problems/no-regions"
