"""Labels of codes, as a clerk reads them."""

from collections.abc import Mapping
from enum import Enum
from typing import Any


def label(labels: Mapping[Any, str], code: Any) -> str:
    """The label of a code; an unknown code is shown as it is, a missing one as empty."""
    if code is None:
        return ""
    if isinstance(code, Enum):
        code = code.value
    return labels.get(code, str(code))
