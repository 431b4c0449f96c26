from typing import Annotated

from fastapi import APIRouter, Request, Response

from app.auth.service import LoginFailed
from app.authz.deps import allow
from app.authz.policy import Action
from app.authz.principal import Principal
from app.authz.scoping import readable_units
from app.core.deps import SessionDep, SettingsDep
from app.core.errors import Forbidden, answer
from app.core.models import pk
from app.core.schemas import Id, IdPath
from app.idempotency.service import IdempotencyDep
from app.users import service
from app.users.models import Role
from app.users.schemas import (
    PasswordChange,
    UserCreate,
    UserNamePublic,
    UserNamesPublic,
    UserPublic,
    UsersPublic,
    UserUpdate,
)

router = APIRouter(prefix="/api/v1/users", tags=["users"])
Admin = Annotated[Principal, allow(Action.users_manage)]


@router.get("", response_model=UsersPublic)
def list_users(session: SessionDep, _: Admin, unit_id: Id | None = None, role: Role | None = None) -> UsersPublic:
    users = service.list_users(session, unit_id=unit_id, role=role)
    return UsersPublic.model_validate({"data": users, "count": len(users)})


@router.get("/names", response_model=UserNamesPublic)
def list_user_names(session: SessionDep,
                    principal: Annotated[Principal, allow(Action.records_read)]) -> UserNamesPublic:
    """Display names for the login names records carry (录入人, 核实人, 关账人): the staff of the units whose records
    the caller reads, and the city-wide staff (the office, leaders, administrators) everyone meets in them."""
    return UserNamesPublic(data=[UserNamePublic(username=u, display_name=d)
                                 for u, d in service.names(session, readable_units(principal))])


@router.post("", response_model=UserPublic, status_code=201)
def create_user(data: UserCreate, session: SessionDep, _: Admin, idem: IdempotencyDep) -> Response:
    return idem.respond(UserPublic.model_validate(service.create_user(session, data)), 201)


@router.get("/{user_id}", response_model=UserPublic)
def get_user(user_id: IdPath, session: SessionDep, _: Admin) -> UserPublic:
    return UserPublic.model_validate(service.get_user(session, user_id))


@router.patch("/{user_id}", response_model=UserPublic)
def update_user(user_id: IdPath, data: UserUpdate, session: SessionDep, _: Admin) -> UserPublic:
    """Disabling a user, resetting the password or moving role or unit ends all the user's sessions."""
    return UserPublic.model_validate(service.update_user(session, service.get_user(session, user_id), data))


@router.post("/me/password", status_code=204, responses={429: {"description": "失败次数过多，已暂时锁定"}})
def change_my_password(
    request: Request, data: PasswordChange, session: SessionDep, settings: SettingsDep,
    principal: Annotated[Principal, allow(Action.session_read)],
) -> Response:
    """Changes the caller's password and ends all their sessions. Wrong current passwords count against the
    login throttle: too many, and this and signing in answer 429 with Retry-After."""
    if principal.kind != "user":
        raise Forbidden("只有用户可以修改密码")
    try:
        service.change_own_password(session, settings, service.get_user(session, pk(principal)),
                                    data.current_password, data.new_password,
                                    getattr(request.state, "client_addr", None))
    except LoginFailed as exc:
        return answer(exc, request)  # answered, not raised: the throttle's count of the failure must commit
    return Response(status_code=204)
