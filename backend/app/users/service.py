"""User administration. Role and unit are checked together: unit staff and the office belong to a unit."""

from sqlalchemy import or_
from sqlmodel import Session, col, select

from app.auth.service import LoginFailed, check_password_throttled, end_all_sessions
from app.authz.scoping import UnitScope
from app.core.config import Settings
from app.core.errors import Conflict, NotFound, Unprocessable
from app.core.passwords import hash_password
from app.units.models import Unit, UnitType
from app.users.models import UNIT_BOUND_ROLES, Role, User
from app.users.schemas import UserCreate, UserUpdate


def _check_binding(session: Session, role: str, unit_id: int | None) -> None:
    if role in UNIT_BOUND_ROLES:
        if unit_id is None:
            raise Unprocessable("该角色必须绑定一个单位", errors=[{"field": "unit_id", "message": "必填"}])
        unit = session.get(Unit, unit_id)
        if unit is None:
            raise Unprocessable("单位不存在", errors=[{"field": "unit_id", "message": "单位不存在"}])
        if role == Role.office and unit.type != UnitType.office:
            raise Unprocessable("办公室角色只能绑定产业招商领导小组办公室")
    elif unit_id is not None:
        raise Unprocessable("管理员和领导角色不绑定单位", errors=[{"field": "unit_id", "message": "应为空"}])


def list_users(session: Session, *, unit_id: int | None, role: str | None) -> list[User]:
    stmt = select(User).order_by(User.username)
    if unit_id is not None:
        stmt = stmt.where(User.unit_id == unit_id)
    if role:
        stmt = stmt.where(User.role == role)
    return list(session.exec(stmt))


def get_user(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound("用户不存在")
    return user


def create_user(session: Session, data: UserCreate) -> User:
    _check_binding(session, data.role, data.unit_id)
    if session.exec(select(User.id).where(User.username == data.username)).first():
        raise Conflict(f"用户名 {data.username} 已存在")
    user = User(username=data.username, display_name=data.display_name, role=data.role, unit_id=data.unit_id,
                password_hash=hash_password(data.password))
    session.add(user)
    session.flush()
    return user


def update_user(session: Session, user: User, data: UserUpdate) -> User:
    fields = data.model_dump(exclude_unset=True)
    role = fields.get("role", user.role)
    unit_id = fields.get("unit_id", user.unit_id)
    _check_binding(session, role, unit_id)
    ends_sessions = (
        fields.get("active") is False or "password" in fields or role != user.role or unit_id != user.unit_id
    )
    if "display_name" in fields and fields["display_name"] is None:
        raise Unprocessable("display_name 不能为空")
    if "active" in fields and fields["active"] is None:
        raise Unprocessable("active 不能为空")
    user.role, user.unit_id = role, unit_id
    for key in ("display_name", "active"):
        if key in fields:
            setattr(user, key, fields[key])
    if fields.get("password"):
        user.password_hash = hash_password(fields["password"])
    session.add(user)
    session.flush()
    if ends_sessions:
        end_all_sessions(session, user)
    return user


def change_own_password(session: Session, settings: Settings, user: User, current: str, new: str,
                        client_addr: str | None) -> None:
    """Counted by the login throttle: a stolen session must not become a way to guess the password."""
    if not check_password_throttled(session, settings, user.username, current, user.password_hash, client_addr):
        raise LoginFailed("当前密码不正确", status=422, code="validation-error",
                          errors=[{"field": "current_password", "message": "当前密码不正确"}])
    user.password_hash = hash_password(new)
    session.add(user)
    end_all_sessions(session, user)


def names(session: Session, scope: UnitScope) -> list[tuple[str, str]]:
    """(login name, display name) of the users in `scope`'s units and of those bound to no unit or to the office."""
    office = select(Unit.id).where(col(Unit.type) == UnitType.office)
    city_wide = or_(col(User.unit_id).is_(None), col(User.unit_id).in_(office))
    stmt = select(User.username, User.display_name).where(or_(scope.clause(col(User.unit_id)), city_wide))
    return [(u, d) for u, d in session.execute(stmt.order_by(col(User.username))).all()]
