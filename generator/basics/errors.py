"""User-facing content errors: where (file, line, field), what, in Thai.

Loaders collect every problem of the whole content tree before giving up, so staff
fix all of them in one round instead of one per build.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Location:
    """A place in a content file; ``path`` is relative to the repository, POSIX style."""

    path: str
    line: int = 0

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


@dataclass(frozen=True)
class ContentError:
    location: Location
    field: str
    message: str

    def __str__(self) -> str:
        where = f'{self.location} ช่อง "{self.field}"' if self.field else str(self.location)
        return f"{where}: {self.message}"


class InvalidContent(Exception):
    """Raised once, after loading, with every error found."""

    def __init__(self, errors: list[ContentError]) -> None:
        super().__init__(f"ข้อมูลไม่ถูกต้อง {len(errors)} จุด")
        self.errors = errors

    def report(self) -> str:
        lines = [f"พบข้อมูลไม่ถูกต้อง {len(self.errors)} จุด แก้ไขแล้วสั่งอีกครั้ง:"]
        lines += [f"  - {error}" for error in self.errors]
        return "\n".join(lines)


@dataclass
class ErrorLog:
    """Collects errors while a loader walks the content."""

    errors: list[ContentError] = field(default_factory=list)

    def add(self, location: Location, field_name: str, message: str) -> None:
        self.errors.append(ContentError(location, field_name, message))

    def raise_if_any(self) -> None:
        if self.errors:
            raise InvalidContent(self.errors)


class ConfigError(Exception):
    """A command was given something it cannot work with; the message is Thai."""
