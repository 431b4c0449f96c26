"""The one place that touches python-jose: HS256 only, audience, issuer, expiry and token type checked.

Swapping the JWT library means changing this file alone.
"""

import uuid
from datetime import timedelta
from typing import Any

from jose import JWTError, jwt

from app.core.time import utcnow

ALGORITHM = "HS256"
ALLOWED_ALGORITHMS = [ALGORITHM]


class InvalidToken(Exception):
    pass


def encode(claims: dict[str, Any], *, secret: str, audience: str, issuer: str, ttl: timedelta,
           token_type: str) -> tuple[str, dict[str, Any]]:
    now = utcnow()
    payload = {
        **claims,
        "typ": token_type,
        "aud": audience,
        "iss": issuer,
        "iat": int(now.timestamp()),
        "exp": int((now + ttl).timestamp()),
        "jti": uuid.uuid4().hex,
    }
    return jwt.encode(payload, secret, algorithm=ALGORITHM), payload


def decode(token: str, *, secret: str, audience: str, issuer: str, token_type: str) -> dict[str, Any]:
    """Raises InvalidToken for anything but a well-signed, unexpired token of the expected type."""
    try:
        header = jwt.get_unverified_header(token)
    except JWTError as exc:
        raise InvalidToken("malformed") from exc
    if header.get("alg") not in ALLOWED_ALGORITHMS:
        raise InvalidToken("algorithm not allowed")
    try:
        payload = jwt.decode(
            token, secret, algorithms=ALLOWED_ALGORITHMS, audience=audience, issuer=issuer,
            options={"require_exp": True, "require_iat": True, "require_aud": True, "require_sub": True},
        )
    except JWTError as exc:
        raise InvalidToken(str(exc)) from exc
    if payload.get("typ") != token_type:
        raise InvalidToken("wrong token type")
    return payload
