"""Text search `q` in a shape indexes can answer, whether it matches a few rows or most of them.

- A *narrow* search (few rows match): `a LIKE '%q%' OR b LIKE '%q%' OR enterprise_id IN (…)` cannot use an
  index, so it is written `id IN (SELECT id … a LIKE … UNION SELECT id … b LIKE … UNION …)`: each arm uses
  its own index (pg_trgm on PostgreSQL, `core/indexes.trigram`) and only the matching rows are sorted.
- A *wide* search (a common word such as 项目 that most rows contain, or text too short for a trigram): the
  union would collect and sort most of the table; walking the list's own sort index and keeping the rows
  that match stops as soon as a page is full.

A probe counts the matches up to `WIDE` (stopping there) and picks the shape.
"""

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, func, or_, select, union, union_all
from sqlalchemy.orm import Session
from sqlmodel import col

from app.core.typing import AnySelect

WIDE = 1000  # matches beyond which walking the sorted list is cheaper than collecting them all


def contains(column: Any, q: str) -> ColumnElement[bool]:
    """`column LIKE '%q%'` with q's own % and _ taken literally."""
    return col(column).contains(q, autoescape=True)


def matching(session: Session, id_column: Any, own: Sequence[ColumnElement[bool]],
             linked: Sequence[AnySelect] = ()) -> ColumnElement[bool]:
    """Rows of the list's table that one of `own` (conditions on the table itself) or `linked` (selects of its
    ids through other tables) finds."""
    arms = [select(id_column).where(condition) for condition in own] + list(linked)
    probe = select(func.count()).select_from(union_all(*arms).limit(WIDE).subquery())
    if session.execute(probe).scalar_one() >= WIDE:
        return or_(*own, *(col(id_column).in_(arm) for arm in linked))
    return col(id_column).in_(union(*arms))
