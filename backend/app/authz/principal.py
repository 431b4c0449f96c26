"""Who is calling: a logged-in user or an API client of another system."""

from dataclasses import dataclass, field
from typing import Literal


@dataclass(frozen=True, slots=True)
class Principal:
    kind: Literal["user", "client", "system"]
    id: int | None
    name: str
    role: str | None = None
    unit_id: int | None = None
    scopes: frozenset[str] = field(default_factory=frozenset)

    @property
    def is_client(self) -> bool:
        return self.kind == "client"


SYSTEM = Principal(kind="system", id=None, name="system")
