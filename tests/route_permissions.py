"""The expected allow table: which principals may call each route. One line per route.

A route missing here fails tests/core/test_route_matrix.py, so every new route is declared.
"""

ANON = "anonymous"
ADMIN, OFFICE, LEADER, EDITOR, VIEWER = "admin", "office", "leader", "unit_editor", "unit_viewer"
C_NONE, C_READ, C_WRITE = "client_no_scope", "client_read", "client_write"

EVERYONE = {ANON, ADMIN, OFFICE, LEADER, EDITOR, VIEWER, C_NONE, C_READ, C_WRITE}
ALL_USERS = {ADMIN, OFFICE, LEADER, EDITOR, VIEWER}
READ_CLIENTS = {C_READ, C_WRITE}
RECORD_READERS = ALL_USERS | READ_CLIENTS
RECORD_WRITERS = {EDITOR, OFFICE, C_WRITE}

ALLOWED: dict[str, set[str]] = {
    "GET /api/health": EVERYONE,
    "POST /api/auth/token": EVERYONE,
    "POST /api/auth/logout": ALL_USERS | READ_CLIENTS,
    "GET /api/auth/me": ALL_USERS | READ_CLIENTS,
    "POST /api/users/me/password": ALL_USERS | READ_CLIENTS,
    "GET /api/units": ALL_USERS | READ_CLIENTS,
    "GET /api/units/{unit_id}": ALL_USERS | READ_CLIENTS,
    "POST /api/units": {ADMIN},
    "PATCH /api/units/{unit_id}": {ADMIN},
    "POST /api/units/{unit_id}/links": {ADMIN},
    "DELETE /api/units/{unit_id}/links/{link_id}": {ADMIN},
    "GET /api/units/{unit_id}/members": {ADMIN, OFFICE, EDITOR, VIEWER},
    "GET /api/clusters": ALL_USERS | READ_CLIENTS,
    "GET /api/users": {ADMIN},
    "POST /api/users": {ADMIN},
    "GET /api/users/{user_id}": {ADMIN},
    "PATCH /api/users/{user_id}": {ADMIN},
    "GET /api/clients": {ADMIN},
    "POST /api/clients": {ADMIN},
    "POST /api/clients/{client_pk}/revoke": {ADMIN},
    "GET /api/audit-events": {ADMIN, OFFICE},
    "GET /api/audit-events/verify": {ADMIN, OFFICE},
    # records (issue 3)
    "GET /api/visits": RECORD_READERS,
    "POST /api/visits": RECORD_WRITERS,
    "GET /api/visits/{visit_id}": RECORD_READERS,
    "PATCH /api/visits/{visit_id}": RECORD_WRITERS,
    "POST /api/visits/{visit_id}/transitions": RECORD_WRITERS,
}
