"""Every route × every kind of caller, against the expected table in tests/route_permissions.py."""

import re

import pytest

from app.authz.deps import api_routes
from app.main import ROUTERS
from tests.route_permissions import ALLOWED, EVERYONE, PROBE_STATUS

_ROUTES = sorted(
    f"{method} {route.path}"
    for route in api_routes(ROUTERS)
    for method in route.methods
)


def test_every_route_has_a_declared_rule():
    assert set(_ROUTES) == set(ALLOWED), (
        f"undeclared: {sorted(set(_ROUTES) - set(ALLOWED))}; stale: {sorted(set(ALLOWED) - set(_ROUTES))}"
    )
    assert set(PROBE_STATUS) == set(ALLOWED), sorted(set(PROBE_STATUS) ^ set(ALLOWED))


@pytest.mark.parametrize("principal", sorted(EVERYONE))
@pytest.mark.parametrize("route", _ROUTES)
def test_route_allows_exactly_the_declared_principals(route, principal, client, headers_for, unit):
    method, path = route.split(" ", 1)
    own_unit = unit("371502").id
    url = re.sub(r"\{unit_id\}", str(own_unit), path).replace("{year}", "2019")
    url = url.replace("{notice_id}", str(2**31 - 1))  # no one's: a notice 1 may exist, made by an earlier test
    url = re.sub(r"\{[a-z_]+\}", "1", url)
    response = client.request(method, url, headers=headers_for(principal),
                              **({"json": {}} if method in ("POST", "PATCH", "PUT") and "token" not in url else {}))
    if principal in ALLOWED[route]:
        assert response.status_code == PROBE_STATUS[route], (route, principal, response.status_code, response.text)
    else:
        expected = 401 if principal == "anonymous" else 403
        assert response.status_code == expected, (route, principal, response.status_code, response.text)
        assert response.headers["content-type"].startswith("application/problem+json")
