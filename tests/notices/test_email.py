"""E-mail, the optional second channel, against a local SMTP sink (aiosmtpd) started by the test."""

import socket
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller

from app.notices import mail


class Sink:
    def __init__(self) -> None:
        self.messages: list = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's handler name
        self.messages.append((envelope.rcpt_tos, message_from_bytes(envelope.content, policy=policy.default)))
        return "250 OK"


@pytest.fixture
def smtp_sink(monkeypatch):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    monkeypatch.setattr(mail, "smtp_config", lambda: mail.Smtp("127.0.0.1", port, "zhaoshang@example.cn"))
    try:
        yield sink
    finally:
        controller.stop()


def set_email(client, headers, email, muted=None):
    response = client.put("/api/v1/notices/settings", headers=headers, json={"email": email, "muted": muted or {}})
    assert response.status_code == 200, response.text


def test_a_returned_record_is_emailed_after_commit(client, token_for, visit_submitted, smtp_sink, notices):
    set_email(client, token_for("dcf_editor"), "dcf@example.cn")
    set_email(client, token_for("dcf_viewer"), "viewer@example.cn")  # not a recipient of the unit's returns
    response = client.post(f"/api/v1/visits/{visit_submitted}/transitions", headers=token_for("office"),
                           json={"action": "return", "reason": "企业名称有误"})
    assert response.status_code == 200
    [(to, msg)] = smtp_sink.messages
    assert to == ["dcf@example.cn"] and msg["From"] == "zhaoshang@example.cn"
    assert msg["Subject"] == "【招商引资管理平台】走访 海尔集团公司（2019-05-01） 被退回"
    assert "原因：企业名称有误" in msg.get_content()
    assert client.get("/api/v1/notices/unread-count", headers=token_for("dcf_editor")).json() == {"unread": 1}


def test_email_muted_per_kind_and_inbox_muted_still_emails(client, token_for, visit_submitted, smtp_sink):
    me = token_for("dcf_editor")
    set_email(client, me, "dcf@example.cn", {"email": ["record_verified"], "inbox": ["record_reopened"]})
    office = token_for("office")
    client.post(f"/api/v1/visits/{visit_submitted}/transitions", headers=office, json={"action": "verify"})
    assert smtp_sink.messages == []  # verified: muted by e-mail
    client.post(f"/api/v1/visits/{visit_submitted}/transitions", headers=office,
                json={"action": "reopen", "reason": "需核对"})
    assert [m["Subject"].endswith("被重新打开") for _, m in smtp_sink.messages] == [True]
    kinds = [n["kind"] for n in client.get("/api/v1/notices", headers=me).json()["data"]]
    assert kinds == ["record_verified"]  # the reopen came by e-mail only
    assert client.get("/api/v1/notices/settings", headers=me).json()["email_available"] is True


def test_no_email_when_smtp_is_off(client, token_for, visit_submitted, monkeypatch):
    set_email(client, token_for("dcf_editor"), "dcf@example.cn")
    monkeypatch.setattr(mail, "smtp_config", lambda: None)
    sent = []
    monkeypatch.setattr(mail.smtplib, "SMTP", lambda *a, **k: sent.append(a))
    client.post(f"/api/v1/visits/{visit_submitted}/transitions", headers=token_for("office"),
                json={"action": "return", "reason": "x"})
    assert sent == []
