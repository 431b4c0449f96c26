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
CITY_READERS = {ADMIN, OFFICE, LEADER}  # the test clients are bound to one unit, so they are not city readers

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
    "GET /api/enterprises": RECORD_READERS,
    "GET /api/enterprises/duplicate-candidates": RECORD_READERS,
    "POST /api/enterprises": RECORD_WRITERS,
    "GET /api/enterprises/{enterprise_id}": RECORD_READERS,
    "PATCH /api/enterprises/{enterprise_id}": RECORD_WRITERS,
    "POST /api/enterprises/{enterprise_id}/merge": {OFFICE},
    "GET /api/leads": RECORD_READERS,
    "POST /api/leads": RECORD_WRITERS,
    "GET /api/leads/{lead_id}": RECORD_READERS,
    "PATCH /api/leads/{lead_id}": RECORD_WRITERS,
    "GET /api/events": RECORD_READERS,
    "POST /api/events": RECORD_WRITERS,
    "GET /api/events/{event_id}": RECORD_READERS,
    "PATCH /api/events/{event_id}": RECORD_WRITERS,
    "POST /api/events/{event_id}/transitions": RECORD_WRITERS,
    "GET /api/projects": RECORD_READERS,
    "POST /api/projects": RECORD_WRITERS,
    "GET /api/projects/{project_id}": RECORD_READERS,
    "PATCH /api/projects/{project_id}": RECORD_WRITERS,
    "POST /api/projects/{project_id}/transitions": RECORD_WRITERS,
    "POST /api/projects/{project_id}/funds-override": {OFFICE},
    "GET /api/funds-reports": RECORD_READERS,
    "POST /api/funds-reports": RECORD_WRITERS,
    "GET /api/funds-reports/{report_id}": RECORD_READERS,
    "PATCH /api/funds-reports/{report_id}": RECORD_WRITERS,
    "POST /api/funds-reports/{report_id}/transitions": RECORD_WRITERS,
    "GET /api/verification/queue": {OFFICE},
    "POST /api/verification/bulk": {OFFICE},
    "GET /api/conflicts": {OFFICE},
    "POST /api/conflicts/decisions": {OFFICE},
    # targets, progress, quarters, assessment (issue 4)
    "GET /api/target-sets": RECORD_READERS,
    "POST /api/target-sets": {OFFICE},
    "POST /api/target-sets/{set_id}/targets": {OFFICE},
    "PATCH /api/targets/{target_id}": {OFFICE},
    "GET /api/rules": RECORD_READERS,
    "GET /api/rules/versions": RECORD_READERS,
    "POST /api/rules": {OFFICE},
    "GET /api/progress": RECORD_READERS,
    "GET /api/progress/ranking": CITY_READERS,
    "GET /api/progress/drilldown": RECORD_READERS,
    "GET /api/progress/funnel": RECORD_READERS,
    "GET /api/quarters": CITY_READERS,
    "POST /api/quarters": {OFFICE},
    "GET /api/quarters/{snapshot_id}": CITY_READERS,
    "POST /api/quarters/{snapshot_id}/adjustments": {OFFICE},
    "POST /api/quarters/{snapshot_id}/adjustments/{adjustment_id}/decision": {OFFICE},
    "GET /api/quarters/{snapshot_id}/report.xlsx": CITY_READERS,
    "GET /api/quarters/{snapshot_id}/report.html": CITY_READERS,
    "GET /api/assessment/{year}": CITY_READERS,
    "PUT /api/assessment/{year}/scheme": {OFFICE},
    "POST /api/assessment/{year}/vetoes": {OFFICE},
}
