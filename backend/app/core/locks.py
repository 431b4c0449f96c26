"""PostgreSQL advisory lock keys, all in one place so no two locks share a key by accident."""

AUDIT_CHAIN = 7_420_018  # with a stream number: serialises appends to one audit stream (taken last, before COMMIT)
ROLLUP_REBUILD = 7_420_019  # writers hold it shared, a full rollup rebuild exclusively
