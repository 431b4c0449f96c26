"""A route that sends a file: its answer in the OpenAPI document, and the response with its download name."""

from typing import Any
from urllib.parse import quote

from fastapi import Response

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = "application/pdf"


def binary(media_type: str, description: str) -> dict[int | str, dict[str, Any]]:
    """`responses=` of a route answering 200 with a file of `media_type` (so generated clients read bytes)."""
    return {200: {"content": {media_type: {"schema": {"type": "string", "format": "binary"}}},
                  "description": description}}


def content_disposition(filename: str, ascii_filename: str) -> str:
    """RFC 6266 / 5987: the Chinese name for browsers that read `filename*`, an ASCII one for the rest."""
    return f"attachment; filename=\"{ascii_filename}\"; filename*=UTF-8''{quote(filename, safe='')}"


def attachment(body: bytes, media_type: str, filename: str, ascii_filename: str | None = None) -> Response:
    """A file to download: `filename` as it is when it is ASCII (no `ascii_filename`), else with the fallback."""
    disposition = (f'attachment; filename="{filename}"' if ascii_filename is None
                   else content_disposition(filename, ascii_filename))
    return Response(body, media_type=media_type, headers={"Content-Disposition": disposition})
