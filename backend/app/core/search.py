"""Text search `q` in a shape indexes can answer.

`a LIKE '%q%' OR b LIKE '%q%' OR enterprise_id IN (…)` cannot use an index at all: the planner scans the
table. Written as `id IN (SELECT id … a LIKE … UNION SELECT id … b LIKE … UNION …)`, each arm uses its own
index (pg_trgm on PostgreSQL, `core/indexes.trigram`), and only the matching rows are sorted into pages.
"""

from sqlalchemy import ColumnElement, Select, union
from sqlmodel import col


def contains(column, q: str) -> ColumnElement[bool]:
    """`column LIKE '%q%'` with q's own % and _ taken literally."""
    return col(column).contains(q, autoescape=True)


def matching(id_column, *arms: Select) -> ColumnElement[bool]:
    """Rows whose id one of the `arms` (selects of ids) finds."""
    return col(id_column).in_(union(*arms))
