"""Six parallel refreshes with one refresh token (PostgreSQL, each its own connection and commit): exactly one
wins, and the losers' use counts as reuse, so the whole family ends — the winner's new tokens too."""

from fastapi.testclient import TestClient
from sqlmodel import Session, select

from app.auth.models import RefreshToken, TokenFamily
from app.core.passwords import token_digest
from tests.auth.test_login import login
from tests.auth.test_tokens import me, refresh
from tests.racing import postgres_only, race, remove, status

N = 6


def test_one_refresh_token_used_six_times_at_once_wins_once_then_the_family_ends(app, engine):
    postgres_only(engine)
    family = None
    try:
        with TestClient(app, raise_server_exceptions=False) as c:
            tokens = login(c, "dcf_viewer").json()  # committed for real
        with Session(engine) as s:
            family = s.exec(select(RefreshToken.family).where(
                RefreshToken.token_hash == token_digest(tokens["refresh_token"]))).one()
        clients = [TestClient(app, raise_server_exceptions=False) for _ in range(N)]
        answers = race(clients, [lambda c: refresh(c, tokens["refresh_token"])] * N)
        assert sorted(map(status, answers), key=str) == [200] + [400] * (N - 1)
        winner = next(r for r in answers if r is not None and r.status_code == 200).json()
        assert any(r.json()["code"] == "refresh-reused" for r in answers if r.status_code == 400)
        with TestClient(app, raise_server_exceptions=False) as c:
            assert me(c, winner["access_token"]).status_code == 401
            assert me(c, tokens["access_token"]).status_code == 401
            assert refresh(c, winner["refresh_token"]).status_code == 400
        with Session(engine) as s:
            assert s.get(TokenFamily, family).revoked_at is not None
            rows = s.exec(select(RefreshToken).where(RefreshToken.family == family)).all()
            assert len(rows) == 2 and all(r.revoked_at is not None for r in rows)
            assert sum(r.used_at is not None for r in rows) == 1
    finally:
        if family is not None:
            remove(engine, (RefreshToken, RefreshToken.family == family), (TokenFamily, TokenFamily.id == family))
