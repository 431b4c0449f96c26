"""A multipart form as a route dependency, parsed only once the route's gate has let the caller in (declare it
after the gate), so an anonymous or refused caller never gets a file spooled to disk; closed with the request."""

from collections.abc import AsyncIterator, Callable

from fastapi import Request
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.core.errors import Unprocessable


def form_dependency(hint: str, *, max_fields: int) -> Callable[[Request], AsyncIterator[FormData]]:
    """`hint`: what to send, said when the body is not multipart (e.g. 「字段 file 与 category」)."""

    async def upload_form(request: Request) -> AsyncIterator[FormData]:
        if not request.headers.get("content-type", "").startswith("multipart/form-data"):
            raise Unprocessable(f"请以 multipart/form-data 上传文件（{hint}）",
                                errors=[{"field": "file", "message": "必填"}])
        try:
            form = await request.form(max_files=1, max_fields=max_fields)
        except StarletteHTTPException as exc:
            raise Unprocessable(f"上传内容无法解析：{exc.detail}") from exc
        try:
            yield form
        finally:
            await form.close()

    return upload_form
