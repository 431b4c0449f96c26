"""Another system's view: everything through the client openapi-python-client generates from /openapi.json,
no hand-written HTTP — a token by HTTP Basic, a list, a create with an Idempotency-Key, an update with
If-Match, and the errors as typed objects."""

import time
from datetime import date

from tests.integration.generated_client import basic_token


def test_a_generated_client_gets_a_token_lists_creates_and_updates(live_server, admin_client):
    from zs_api_client import AuthenticatedClient
    from zs_api_client.api.api_clients import create_api_client
    from zs_api_client.api.auth import token
    from zs_api_client.api.enterprises import list_enterprises
    from zs_api_client.api.units import list_units
    from zs_api_client.api.visits import create_visit, list_visits, update_visit
    from zs_api_client.models import (
        ApiClientCreate,
        ApiClientCreated,
        BodyToken,
        EnterprisesPublic,
        Problem,
        Region,
        Scope,
        TokenResponse,
        VisitCreate,
        VisitPublic,
        VisitsPublic,
        VisitUpdate,
    )

    units = list_units.sync(client=admin_client)
    county = next(u for u in units.data if u.code == "371502")
    registered = create_api_client.sync(client=admin_client, body=ApiClientCreate(
        name="东昌府区业务系统", scopes=[Scope.RECORDSREAD, Scope.RECORDSWRITE], unit_id=county.id))
    assert isinstance(registered, ApiClientCreated)

    basic = AuthenticatedClient(base_url=live_server, prefix="Basic",
                                token=basic_token(registered.client_id, registered.client_secret))
    issued = token.sync(client=basic, body=BodyToken(grant_type="client_credentials"))
    assert isinstance(issued, TokenResponse) and issued.scope == "records:read records:write"
    api = AuthenticatedClient(base_url=live_server, token=issued.access_token)

    enterprises = list_enterprises.sync(client=api, limit=1)
    assert isinstance(enterprises, EnterprisesPublic) and len(enterprises.data) == 1
    body = VisitCreate(enterprise_id=enterprises.data[0].id, visit_date=date(2019, 5, 6),
                       region=Region.YANGTZE_DELTA, place="上海")
    first = create_visit.sync_detailed(client=api, body=body, idempotency_key="generated-visit-1")
    again = create_visit.sync_detailed(client=api, body=body, idempotency_key="generated-visit-1")
    assert first.status_code == again.status_code == 201
    assert isinstance(first.parsed, VisitPublic) and isinstance(again.parsed, VisitPublic)
    assert again.parsed.id == first.parsed.id and again.headers["Idempotency-Replayed"] == "true"
    visit_id, etag = first.parsed.id, first.headers["ETag"]

    stale = update_visit.sync_detailed(visit_id=visit_id, client=api, body=VisitUpdate(place="南京"), if_match='"999"')
    assert stale.status_code == 412 and isinstance(stale.parsed, Problem)
    assert stale.parsed.type_ == "/problems/precondition-failed" and stale.parsed.additional_properties["current_etag"]
    updated = update_visit.sync_detailed(visit_id=visit_id, client=api, body=VisitUpdate(place="上海浦东"),
                                         if_match=etag)
    assert updated.status_code == 200 and isinstance(updated.parsed, VisitPublic)
    assert updated.parsed.place == "上海浦东" and updated.headers["ETag"] != etag

    listed = list_visits.sync(client=api, enterprise_id=enterprises.data[0].id, limit=200)
    assert isinstance(listed, VisitsPublic) and visit_id in [v.id for v in listed.data]


def test_errors_arrive_as_typed_problems(live_server, admin_client):
    from zs_api_client import AuthenticatedClient
    from zs_api_client.api.auth import token
    from zs_api_client.api.visits import list_visits
    from zs_api_client.models import BodyToken, OAuthErrorBody, OAuthErrorBodyError, Problem

    invalid = list_visits.sync_detailed(client=admin_client, limit=100_000)
    assert invalid.status_code == 422 and isinstance(invalid.parsed, Problem)
    problem = invalid.parsed
    assert problem.type_ == "/problems/validation-error" and problem.status == 422 and problem.detail
    assert [e.field for e in problem.errors] == ["limit"] and problem.errors[0].location == "query"
    assert problem.request_id == invalid.headers["X-Request-ID"]

    wrong = token.sync_detailed(client=AuthenticatedClient(base_url=live_server, prefix="Basic",
                                                           token=basic_token("no-such-client", "secret")),
                                body=BodyToken(grant_type="client_credentials"))
    assert wrong.status_code == 401 and isinstance(wrong.parsed, OAuthErrorBody)
    assert wrong.parsed.error == OAuthErrorBodyError.INVALID_CLIENT
    assert wrong.headers["WWW-Authenticate"].startswith("Basic")


def _feed(api, read_changes, after: int) -> list:  # noqa: ANN001 - types of the generated package
    """The visit changes after change `after`, read from the start of the feed to its end, page by page."""
    seen, cursor = [], None
    while True:
        page = read_changes.sync(client=api, kinds="visit", limit=500, **({"cursor": cursor} if cursor else {}))
        seen += [c for c in page.data if c.id > after]
        cursor = page.next_cursor
        if not page.has_more:
            return seen


def test_a_generated_client_pushes_a_batch_resyncs_it_and_finds_exactly_its_changes_in_the_feed(
        live_server, admin_client):
    """The issue's done-when: client credentials; 500 visits in one batch; the same batch again (all unchanged,
    no new rows); one of them updated with If-Match; a 422 read as a typed problem; the feed from start to end
    holds exactly the changes made."""
    from zs_api_client import AuthenticatedClient
    from zs_api_client.api.api_clients import create_api_client
    from zs_api_client.api.auth import token
    from zs_api_client.api.enterprises import list_enterprises
    from zs_api_client.api.feed import read_changes
    from zs_api_client.api.units import list_units
    from zs_api_client.api.visits import batch_upsert_visits, get_visit_by_external_id, list_visits, update_visit
    from zs_api_client.models import (
        ApiClientCreate,
        BatchResult,
        BodyToken,
        Problem,
        Region,
        Scope,
        VisitBatch,
        VisitBatchItem,
        VisitPublic,
        VisitUpdate,
    )

    county = next(u for u in list_units.sync(client=admin_client).data if u.code == "371581")
    registered = create_api_client.sync(client=admin_client, body=ApiClientCreate(
        name="临清市业务系统", scopes=[Scope.RECORDSREAD, Scope.RECORDSWRITE, Scope.FEEDREAD], unit_id=county.id))
    basic = AuthenticatedClient(base_url=live_server, prefix="Basic",
                                token=basic_token(registered.client_id, registered.client_secret))
    api = AuthenticatedClient(base_url=live_server, token=token.sync(
        client=basic, body=BodyToken(grant_type="client_credentials")).access_token, timeout=120)
    mark = max([c.id for c in _feed(api, read_changes, 0)], default=0)
    enterprise_id = list_enterprises.sync(client=api, limit=1).data[0].id
    batch = VisitBatch(items=[VisitBatchItem(external_id=f"LQ-{n:03}", enterprise_id=enterprise_id,
                                             visit_date=date(2019, 5, 6), region=Region.JINGJINJI, place=f"北京 {n}")
                              for n in range(500)])

    pushed = batch_upsert_visits.sync(client=api, body=batch)
    assert isinstance(pushed, BatchResult) and pushed.created == 500
    assert [i.external_id for i in pushed.items] == [f"LQ-{n:03}" for n in range(500)]
    rows = list_visits.sync(client=api, with_total=True, limit=1).total
    again = batch_upsert_visits.sync(client=api, body=batch)
    assert isinstance(again, BatchResult) and again.unchanged == 500 and again.created == again.updated == 0
    assert [i.id for i in again.items] == [i.id for i in pushed.items]
    assert list_visits.sync(client=api, with_total=True, limit=1).total == rows

    found = get_visit_by_external_id.sync_detailed(external_id="LQ-007", client=api)
    assert isinstance(found.parsed, VisitPublic) and found.parsed.id == pushed.items[7].id
    updated = update_visit.sync_detailed(visit_id=found.parsed.id, client=api, body=VisitUpdate(place="北京 朝阳"),
                                         if_match=found.headers["ETag"])
    assert updated.status_code == 200 and isinstance(updated.parsed, VisitPublic) and updated.parsed.version == 2

    refused = batch_upsert_visits.sync_detailed(client=api, body=VisitBatch(items=[]))
    assert refused.status_code == 422 and isinstance(refused.parsed, Problem)
    assert refused.parsed.type_ == "/problems/validation-error" and refused.parsed.errors[0].field == "items"

    expected = 501
    deadline = time.monotonic() + 60
    # on PostgreSQL a change shows once every transaction that began writing before it has ended — on a server
    # shared with other tests, a moment later
    while len(changes := _feed(api, read_changes, mark)) < expected and time.monotonic() < deadline:
        time.sleep(0.5)
    assert sorted((c.record_id, c.action) for c in changes) == sorted(
        [(i.id, "create") for i in pushed.items] + [(found.parsed.id, "update")])
    assert changes[-1].record_id == found.parsed.id and changes[-1].version == 2
