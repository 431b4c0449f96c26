"""Files attached to records as evidence (contracts, receipts, photos, sign-in sheets) and the office's rules on
which evidence a record needs before it is submitted."""
