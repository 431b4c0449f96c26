"""The trigram indexes keep no long list of entries waiting to be merged (PostgreSQL): every search reads that
list through, and after a few thousand writes the duplicate check of each new enterprise spent 20 ms there."""

import pytest
from sqlalchemy import text

from app.core.indexes import PENDING_LIST_KB


def test_the_former_names_index_takes_its_entries_at_once_and_the_others_keep_short_lists(connection):
    if connection.dialect.name != "postgresql":
        pytest.skip("SQLite has no trigram indexes")
    options = dict(connection.execute(text(
        "SELECT c.relname, c.reloptions FROM pg_class c JOIN pg_am a ON a.oid = c.relam "
        "WHERE c.relkind = 'i' AND a.amname = 'gin' AND c.relname LIKE 'ix\\_%\\_trgm'")).all())
    assert options.pop("ix_enterprise_former_norms_trgm") == ["fastupdate=off"]
    assert len(options) == 8
    assert set(map(tuple, options.values())) == {(f"gin_pending_list_limit={PENDING_LIST_KB}",)}
