"""The app's own PostgreSQL role: it reads and writes rows, but owns nothing.

Migrations run as the owner of the tables; the API and the worker connect as a role granted only row access,
and on `audit_event` only SELECT and INSERT. Without ownership it cannot disable the audit table's
append-only triggers, drop them, alter the table or truncate it (tests/audit/test_app_role.py). Run
`zhaoshang grant-app-role ROLE` as the owner after every `alembic upgrade` (the compose `migrate` service does).
"""

from sqlalchemy import Connection, text

APPEND_ONLY = ("audit_event",)
READ_ONLY = ("alembic_version",)  # the schema's revision is the migrations' business


def grant_app_role(conn: Connection, role: str) -> list[str]:
    """Grants `role` row access to every table of the public schema (idempotent); returns the statements."""
    if conn.dialect.name != "postgresql":
        raise ValueError("only PostgreSQL has roles; a SQLite file is protected by the file system")
    quoted = conn.dialect.identifier_preparer.quote(role)
    tables = [r[0] for r in conn.execute(text(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"))]
    statements = [f"GRANT USAGE ON SCHEMA public TO {quoted}",
                  f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {quoted}"]
    for table in tables:
        name = conn.dialect.identifier_preparer.quote(table)
        if table in READ_ONLY:
            statements += [f"REVOKE ALL ON {name} FROM {quoted}", f"GRANT SELECT ON {name} TO {quoted}"]
        elif table in APPEND_ONLY:
            statements += [f"REVOKE ALL ON {name} FROM {quoted}", f"GRANT SELECT, INSERT ON {name} TO {quoted}"]
        else:
            statements.append(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {name} TO {quoted}")
    for statement in statements:
        conn.execute(text(statement))
    return statements
