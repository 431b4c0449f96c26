"""Changing one's own password: wrong current passwords count against the login throttle; no control characters."""

import pytest

from app.seed.liaocheng import DEMO_PASSWORD
from tests.auth.test_login import login


def change(client, headers, current, new="a-new-password-1"):
    return client.post("/api/v1/users/me/password", headers=headers,
                       json={"current_password": current, "new_password": new})


def test_wrong_current_passwords_are_throttled_like_logins(client, token_for):
    headers = token_for("dcf_editor")
    for _ in range(5):
        wrong = change(client, headers, "not-the-password")
        assert wrong.status_code == 422 and wrong.json()["errors"][0]["field"] == "current_password"
    locked = change(client, headers, DEMO_PASSWORD)  # even the right one, while locked
    assert locked.status_code == 429 and int(locked.headers["Retry-After"]) > 0
    assert "登录失败次数过多" in locked.json()["detail"]
    assert login(client, "dcf_editor").status_code == 429  # one throttle for the account
    assert login(client, "linqing_editor").status_code == 200


def test_the_right_current_password_after_a_wrong_one_changes_it(client, token_for):
    headers = token_for("dcf_editor")
    assert change(client, headers, "not-the-password").status_code == 422
    assert change(client, headers, DEMO_PASSWORD).status_code == 204
    assert login(client, "dcf_editor", "a-new-password-1").status_code == 200


@pytest.mark.parametrize("bad", ["new-password\n1", "new\tpassword-1", "new-pass\x00word", "new-pass\x7fword",
                                 "new-pass\x85word", "new-pass\rword-1"])
def test_a_new_password_with_control_characters_is_refused(client, token_for, bad):
    response = change(client, token_for("dcf_editor"), DEMO_PASSWORD, bad)
    assert response.status_code == 422
    body = response.json()
    assert body["errors"][0]["field"] == "new_password" and "控制字符" in body["errors"][0]["message"]
    assert "控制字符" in body["detail"]
    assert login(client, "dcf_editor").status_code == 200  # unchanged


def test_an_admin_cannot_set_a_password_with_control_characters(client, token_for, user, unit):
    admin = token_for("admin")
    created = client.post("/api/v1/users", headers=admin, json={
        "username": "ctrl_user", "display_name": "测试", "password": "line\nbreak-password", "role": "leader"})
    assert created.status_code == 422 and "控制字符" in created.json()["detail"]
    reset = client.patch(
        f"/api/v1/users/{user('dcf_viewer').id}", headers=admin, json={"password": "tab\there-password"}
    )
    assert reset.status_code == 422 and "控制字符" in reset.json()["detail"]
    assert login(client, "dcf_viewer").status_code == 200
