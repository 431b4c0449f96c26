"""What a file is, from its first bytes (and, for Office documents, the package's own content types) — never
from the name the uploader gave it. Anything else (an executable, a script, HTML, a macro document) is refused."""

import zipfile
from dataclasses import dataclass
from pathlib import Path

_OOXML_MAIN = {  # the main part's content type in [Content_Types].xml → what the package is
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml":
        ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml":
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml":
        ("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
}
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy Office (.doc/.xls/.ppt): a compound file
_OLE_TYPES = {"doc": "application/msword", "xls": "application/vnd.ms-excel", "ppt": "application/vnd.ms-powerpoint"}
_MAX_CONTENT_TYPES = 64 * 1024  # a real [Content_Types].xml is a few KB; a larger one is not read
HEAD_BYTES = 16

PREVIEWABLE = frozenset({"application/pdf", "image/jpeg", "image/png"})


@dataclass(frozen=True)
class FileType:
    extension: str
    content_type: str


def _ooxml(path: Path) -> FileType | None:
    try:
        with zipfile.ZipFile(path) as package:
            info = package.getinfo("[Content_Types].xml")
            if info.file_size > _MAX_CONTENT_TYPES:
                return None
            types = package.read(info).decode("utf-8", "replace")
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError, NotImplementedError, EOFError):
        return None
    if "macroEnabled" in types or "vbaProject" in types:
        return None  # a document carrying macros is not evidence we accept
    found = [value for key, value in _OOXML_MAIN.items() if f'ContentType="{key}"' in types]
    return FileType(*found[0]) if len(found) == 1 else None


def sniff(path: Path, head: bytes, claimed_name: str) -> FileType | None:
    """The file's type, or None when it is none of the accepted kinds. `head`: its first bytes. A legacy Office
    compound file is one kind of container for .doc, .xls and .ppt alike; only there the claimed name picks the
    label (a wrong label is harmless: it is downloaded as an attachment, never rendered by the browser)."""
    if head.startswith(b"%PDF-"):
        return FileType("pdf", "application/pdf")
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return FileType("png", "image/png")
    if head.startswith(b"\xff\xd8\xff"):
        return FileType("jpg", "image/jpeg")
    if head.startswith(b"PK\x03\x04"):
        return _ooxml(path)
    if head.startswith(_OLE):
        ext = claimed_name.rsplit(".", 1)[-1].lower() if "." in claimed_name else ""
        return FileType(ext, _OLE_TYPES[ext]) if ext in _OLE_TYPES else FileType("doc", _OLE_TYPES["doc"])
    return None


def download_name(name: str, file_type: FileType) -> str:
    """The uploader's name with the extension the content really has ("扫描件.pdf" holding a PNG → "扫描件.png")."""
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return f"{stem or '附件'}.{file_type.extension}"
