"""Reads the change feed in commit-safe order.

PostgreSQL: a change row carries its transaction's id (xid). Rows are read in (xid, id) order, and only those
whose xid lies below the oldest transaction still running (`pg_snapshot_xmin`): a transaction that took its id
early but commits late holds the horizon back until it ends, so its changes are never passed over, and the
cursor (the last (xid, id) returned) never returns a row twice. SQLite runs one writer at a time (xid 0), so id
order is commit order. A long-open transaction delays the feed (never skips it) until it ends.
"""

import base64
import binascii
import json

from sqlalchemy import BigInteger, Text, cast, func, tuple_
from sqlmodel import Session, col, select

from app.authz.principal import Principal
from app.authz.scoping import feed_units
from app.core.errors import Unprocessable
from app.core.models import pk
from app.feed import visibility
from app.feed.models import FeedChange, RecordKind
from app.feed.render import render
from app.feed.schemas import ChangesPublic

BAD_CURSOR = "变更游标无效，请使用上一页返回的 next_cursor"


def encode_cursor(xid: int, change_id: int) -> str:
    return base64.urlsafe_b64encode(json.dumps([xid, change_id]).encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[int, int]:
    try:
        xid, change_id = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (ValueError, TypeError, binascii.Error):
        raise Unprocessable(BAD_CURSOR, errors=[{"field": "cursor", "message": "无效"}]) from None
    if not (isinstance(xid, int) and isinstance(change_id, int)) or isinstance(xid, bool) or xid < 0:
        raise Unprocessable(BAD_CURSOR, errors=[{"field": "cursor", "message": "无效"}])
    return xid, change_id


def parse_kinds(kinds: str | None) -> list[str] | None:
    if not kinds:
        return None
    names = [k.strip() for k in kinds.split(",") if k.strip()]
    unknown = [k for k in names if k not in RecordKind.__members__]
    if unknown or not names:
        raise Unprocessable("未知的记录类型：" + "、".join(unknown),
                            errors=[{"field": "kinds", "message": "可选 " + ", ".join(RecordKind)}])
    return names


def read_changes(session: Session, principal: Principal, *, cursor: str | None, kinds: str | None,
                 limit: int) -> ChangesPublic:
    stmt = select(FeedChange).where(visibility.feed_changes(feed_units(principal)))
    wanted = parse_kinds(kinds)
    if wanted:
        stmt = stmt.where(col(FeedChange.kind).in_(wanted))
    if cursor:
        stmt = stmt.where(tuple_(col(FeedChange.xid), col(FeedChange.id)) > tuple_(*decode_cursor(cursor)))
    if session.get_bind().dialect.name == "postgresql":
        horizon = cast(cast(func.pg_snapshot_xmin(func.pg_current_snapshot()), Text), BigInteger)
        stmt = stmt.where(col(FeedChange.xid) < horizon)
    rows = list(session.exec(stmt.order_by(col(FeedChange.xid), col(FeedChange.id)).limit(limit + 1)))
    page, has_more = rows[:limit], len(rows) > limit
    next_cursor = encode_cursor(page[-1].xid, pk(page[-1])) if page else cursor
    return ChangesPublic(data=render(session, principal, page), next_cursor=next_cursor, has_more=has_more)
