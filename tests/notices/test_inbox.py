"""The inbox: own notices only (another user's is 404), paging, unread, read, mute settings."""

import pytest

from app.notices.models import Notice
from app.notices.service import Draft, send
from app.users.models import User

URL = "/api/v1/notices"


@pytest.fixture
def inbox(db, user):
    """Adds `n` plain notices for a user, returning their ids oldest first."""
    def add(username: str, n: int = 1, kind: str = "record_returned") -> list[int]:
        made = [m for i in range(n) for m in send(db, [user(username)], Draft(kind, f"通知{i}"))]
        db.commit()
        return [m.id for m in made]
    return add


def test_anonymous_and_api_clients_have_no_inbox(client, make_api_client, unit):
    headers = make_api_client(["records:read", "records:write"], unit("371502").id)[2]
    for method, path in (("GET", URL), ("GET", f"{URL}/unread-count"), ("POST", f"{URL}/1/read"),
                         ("POST", f"{URL}/read-all"), ("GET", f"{URL}/settings"), ("PUT", f"{URL}/settings")):
        assert client.request(method, path, json={} if method != "GET" else None).status_code == 401
        assert client.request(method, path, headers=headers, json={} if method != "GET" else None).status_code == 403


def test_list_pages_newest_first_and_filters_unread(client, token_for, inbox):
    ids = inbox("dcf_editor", 3)
    inbox("linqing_editor", 2)
    me = token_for("dcf_editor")
    first = client.get(URL, headers=me, params={"limit": 2}).json()
    rest = client.get(URL, headers=me, params={"limit": 2, "cursor": first["next_cursor"]}).json()
    assert [n["id"] for n in first["data"] + rest["data"]] == ids[::-1] and rest["next_cursor"] is None
    assert first["data"][0]["title"] == "通知2" and first["data"][0]["read_at"] is None
    assert client.get(f"{URL}/unread-count", headers=me).json() == {"unread": 3}
    read = client.post(f"{URL}/{ids[0]}/read", headers=me)
    assert read.status_code == 200 and read.json()["read_at"] is not None
    assert [n["id"] for n in client.get(URL, headers=me, params={"unread": True}).json()["data"]] == ids[:0:-1]
    assert [n["id"] for n in client.get(URL, headers=me, params={"unread": False}).json()["data"]] == [ids[0]]
    assert client.get(f"{URL}/unread-count", headers=me).json() == {"unread": 2}


def test_another_users_notice_is_404_and_untouched(client, token_for, inbox, db):
    [theirs] = inbox("linqing_editor")
    assert client.post(f"{URL}/{theirs}/read", headers=token_for("dcf_editor")).status_code == 404
    assert client.post(f"{URL}/999999/read", headers=token_for("dcf_editor")).status_code == 404
    assert client.get(URL, headers=token_for("dcf_editor")).json()["data"] == []
    db.expire_all()
    assert db.get(Notice, theirs).read_at is None
    assert client.post(f"{URL}/{theirs}/read", headers=token_for("linqing_editor")).status_code == 200


def test_read_all_marks_only_mine(client, token_for, inbox):
    inbox("dcf_editor", 2)
    inbox("linqing_editor", 1)
    response = client.post(f"{URL}/read-all", headers=token_for("dcf_editor"))
    assert response.status_code == 200 and response.json() == {"marked": 2}
    assert client.post(f"{URL}/read-all", headers=token_for("dcf_editor")).json() == {"marked": 0}
    assert client.get(f"{URL}/unread-count", headers=token_for("dcf_editor")).json() == {"unread": 0}
    assert client.get(f"{URL}/unread-count", headers=token_for("linqing_editor")).json() == {"unread": 1}


def test_settings_mute_a_kind_in_the_inbox(client, token_for, inbox, db, user):
    me = token_for("dcf_editor")
    got = client.get(f"{URL}/settings", headers=me).json()
    assert got["muted"] == {"inbox": [], "email": []} and got["email"] is None and got["email_available"] is False
    assert "funds_due" in got["kinds"]
    put = client.put(f"{URL}/settings", headers=me, json={"muted": {"inbox": ["funds_due"]}, "email": "dcf@example.cn"})
    assert put.status_code == 200, put.text
    assert put.json()["muted"] == {"inbox": ["funds_due"], "email": []} and put.json()["email"] == "dcf@example.cn"
    assert client.get(f"{URL}/settings", headers=token_for("linqing_editor")).json()["muted"]["inbox"] == []
    assert inbox("dcf_editor", 1, kind="funds_due") == []  # muted on every channel that could carry it
    inbox("dcf_editor", 1, kind="record_returned")
    assert [n["kind"] for n in client.get(URL, headers=me).json()["data"]] == ["record_returned"]
    db.expire_all()
    assert db.get(User, user("dcf_editor").id).email == "dcf@example.cn"
    bad = client.put(f"{URL}/settings", headers=me, json={"muted": {"inbox": ["no_such_kind"]}})
    assert bad.status_code == 422
    assert client.put(f"{URL}/settings", headers=me, json={"email": "not an address"}).status_code == 422
    assert client.put(f"{URL}/settings", headers=me, json={"muted": {"fax": []}}).status_code == 422
    cleared = client.put(f"{URL}/settings", headers=me, json={"email": ""}).json()
    assert cleared == {**cleared, "email": None, "muted": {"inbox": [], "email": []}}
