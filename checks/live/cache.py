"""A cache of successful link checks, so repeated audits spare slow municipal servers.

Only successes are stored, each with the time it was checked; entries older than the
maximum age are ignored. Failures are never stored: a broken link is always checked again.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from checks.live.http import LinkResult, Outcome
from generator.basics.textfile import write_text_atomic


@dataclass
class SuccessCache:
    path: Path | None
    max_age: timedelta
    entries: dict[str, dict[str, str]] = field(default_factory=dict)
    hits: int = 0

    @classmethod
    def load(cls, path: Path | None, max_age: timedelta) -> SuccessCache:
        cache = cls(path, max_age)
        try:
            loaded = json.loads(path.read_bytes()) if path and path.is_file() else {}
        except (OSError, ValueError):  # a damaged cache only costs a full re-check
            loaded = {}
        if isinstance(loaded, dict):
            cache.entries = {url: entry for url, entry in loaded.items() if isinstance(entry, dict)}
        return cache

    def get(self, url: str, now: datetime) -> LinkResult | None:
        entry = self.entries.get(url)
        if not entry:
            return None
        try:
            checked = datetime.fromisoformat(entry["checked_at"])
            if not now - as_aware(checked) <= self.max_age:
                return None
            result = LinkResult(url, Outcome.OK, int(entry["status"]), str(entry["final_url"]),
                                content_type=str(entry["content_type"]), from_cache=True)
        except (KeyError, TypeError, ValueError, OverflowError):  # an entry edited or damaged by hand
            return None
        self.hits += 1
        return result

    def put(self, result: LinkResult, now: datetime) -> None:
        if result.outcome is Outcome.OK and not result.from_cache:
            self.entries[result.url] = {"status": str(result.status), "final_url": result.final_url,
                                        "content_type": result.content_type, "checked_at": now.isoformat()}
        elif result.outcome is not Outcome.OK:
            self.entries.pop(result.url, None)

    def save(self) -> None:
        if self.path:
            write_text_atomic(self.path, json.dumps(self.entries, ensure_ascii=False, indent=1, sort_keys=True))


def as_aware(checked: datetime) -> datetime:
    """A naive timestamp (written by hand) read as UTC, so comparing it never raises."""
    return checked if checked.tzinfo else checked.replace(tzinfo=UTC)


def utc_now() -> datetime:
    return datetime.now(UTC)
