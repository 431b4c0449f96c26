"""Row locks a transaction already holds are not taken again; a savepoint rolled back forgets the ones it took."""

from sqlmodel import Session, select

from app.core import rowlocks
from app.enterprises.models import Enterprise


def test_a_lock_is_held_by_the_transaction_and_its_savepoints(db: Session):
    db.exec(select(Enterprise).limit(1)).all()  # a transaction is open
    rowlocks.note(db, "enterprise", [7], "share")
    assert rowlocks.held(db, "enterprise", 7) == "share"
    assert rowlocks.held(db, "enterprise", 8) is None
    with db.begin_nested():
        assert rowlocks.held(db, "enterprise", 7) == "share"  # the parent's lock covers the savepoint
        rowlocks.note(db, "enterprise", [7], "update")
        assert rowlocks.held(db, "enterprise", 7) == "update"


def test_update_is_never_weakened_to_share(db: Session):
    db.exec(select(Enterprise).limit(1)).all()
    rowlocks.note(db, "visit", [1], "update")
    rowlocks.note(db, "visit", [1], "share")
    assert rowlocks.held(db, "visit", 1) == "update"


def test_a_savepoint_rolled_back_forgets_its_locks(db: Session):
    db.exec(select(Enterprise).limit(1)).all()
    rowlocks.note(db, "project", [1], "share")
    savepoint = db.begin_nested()
    rowlocks.note(db, "project", [1], "update")
    rowlocks.note(db, "project", [2], "update")
    savepoint.rollback()  # PostgreSQL released the row locks the savepoint took
    assert rowlocks.held(db, "project", 1) == "share"
    assert rowlocks.held(db, "project", 2) is None


def test_a_new_transaction_holds_nothing(db: Session):
    db.exec(select(Enterprise).limit(1)).all()
    rowlocks.note(db, "lead", [3], "update")
    db.rollback()
    db.exec(select(Enterprise).limit(1)).all()
    assert rowlocks.held(db, "lead", 3) is None
