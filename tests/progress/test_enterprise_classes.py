"""The shared enterprise library cannot move other units' verified figures: a unit's change of a counted class on
an enterprise that verified records rely on waits for the office, and the figures keep the verified classes."""

from datetime import date

from app.enterprises.classes import COUNTED_FIELDS
from app.progress.metrics import REGISTRY
from app.progress.upkeep import columns_read
from app.targets.rules import Rules
from tests.progress.conftest import figure


def _get(client, headers, ent_id):
    response = client.get(f"/api/v1/enterprises/{ent_id}", headers=headers)
    assert response.status_code == 200, response.text
    return response


def _patch(client, headers, ent_id, body):
    etag = _get(client, headers, ent_id).headers["etag"]
    return client.patch(f"/api/v1/enterprises/{ent_id}", headers={**headers, "If-Match": etag}, json=body)


def _post(client, headers, ent_id, what):
    etag = _get(client, headers, ent_id).headers["etag"]
    return client.post(f"/api/v1/enterprises/{ent_id}/classes/{what}", headers={**headers, "If-Match": etag})


def _figures(progress):
    body = progress(2019)
    return (figure(body, "T05", "东昌府区")["actual"], figure(body, "T07", "新材料产业招商团组")["actual"],
            figure(body, "T05C")["actual"])


def test_another_units_class_change_waits_for_the_office(world, progress, client, token_for):
    top = world.enterprise("五百强集团", is_fortune500=True)
    world.project("371502", "15000", landing="371502", ents=[top], signed_on=date(2019, 3, 1),
                  started_on=date(2019, 4, 1))
    world.visit("GRP-01", date(2019, 2, 1), top)
    world.done()
    before = _figures(progress)
    assert before == ("1.00", "1.00", "1.00")

    linqing = token_for("linqing_editor")
    proposed = _patch(client, linqing, top.id, {"is_fortune500": False, "industry": "化工"})
    assert proposed.status_code == 200, proposed.text
    body = proposed.json()
    assert body["is_fortune500"] is True and body["industry"] == "化工"  # the rest of the edit applies at once
    assert body["proposed_classes"] == {"is_fortune500": False}
    assert body["classes_proposed_by"] == "linqing_editor"
    assert _figures(progress) == before

    pending = client.get("/api/v1/enterprises", headers=token_for("office"), params={"classes_pending": True}).json()
    assert [e["id"] for e in pending["data"]] == [top.id]

    assert _post(client, token_for("dcf_editor"), top.id, "verify").status_code == 403
    verified = _post(client, token_for("office"), top.id, "verify")
    assert verified.status_code == 200, verified.text
    assert verified.json()["is_fortune500"] is False and verified.json()["proposed_classes"] is None
    assert _figures(progress) == ("0.00", "0.00", "0.00")

    history = client.get(f"/api/v1/enterprises/{top.id}/history", headers=token_for("office")).json()["data"]
    actions = [(e["action"], e["actor_name"]) for e in history]
    assert ("propose_classes", "linqing_editor") in actions and ("verify_classes", "office") in actions


def test_a_returned_proposal_leaves_the_classes_and_a_proposal_back_to_the_verified_value_is_dropped(
        world, progress, client, token_for):
    top = world.enterprise("行业冠军", is_champion=True)
    world.visit("GRP-01", date(2019, 2, 1), top)
    world.done()
    editor = token_for("grp01_editor")
    assert _patch(client, editor, top.id, {"is_champion": False}).json()["proposed_classes"] == {"is_champion": False}
    back = _patch(client, editor, top.id, {"is_champion": True})
    assert back.status_code == 200 and back.json()["proposed_classes"] is None

    assert _patch(client, editor, top.id, {"is_champion": False, "is_association": True}).status_code == 200
    returned = _post(client, token_for("office"), top.id, "reject")
    assert returned.status_code == 200, returned.text
    assert (returned.json()["is_champion"], returned.json()["is_association"]) == (True, False)
    assert returned.json()["proposed_classes"] is None
    assert _post(client, token_for("office"), top.id, "reject").status_code == 409
    assert figure(progress(2019), "T07", "新材料产业招商团组")["actual"] == "1.00"


def test_classes_no_verified_record_relies_on_change_at_once_and_the_office_changes_them_directly(
        world, progress, client, token_for):
    fresh = world.enterprise("新录企业")
    world.visit("GRP-01", date(2019, 2, 1), world.enterprise("待核实走访的企业"), status="submitted")
    relied = world.enterprise("已核实走访的企业", is_association=True)
    world.visit("GRP-01", date(2019, 2, 2), relied)
    world.done()
    changed = _patch(client, token_for("dcf_editor"), fresh.id, {"is_fortune500": True})
    assert changed.json()["is_fortune500"] is True and changed.json()["proposed_classes"] is None
    office = _patch(client, token_for("office"), relied.id, {"is_association": False})
    assert office.json()["is_association"] is False and office.json()["proposed_classes"] is None
    assert figure(progress(2019), "T07", "新材料产业招商团组")["actual"] == "0.00"


def test_the_counted_fields_are_every_enterprise_column_a_figure_reads():
    """A new metric that reads another enterprise class must be added to COUNTED_FIELDS, or units could move it."""
    reads = set()
    for rules in (Rules(), Rules(china500_lists=["中国企业500强"])):
        reads |= columns_read(rules).get("enterprise", frozenset())
    assert reads - {"id", "merged_into_id"} <= set(COUNTED_FIELDS), reads
    assert REGISTRY  # the registry the reads come from is not empty
