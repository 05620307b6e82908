"""A cache of successful link checks, so repeated audits spare slow municipal servers.

Only successes are stored, each with the time it was checked; entries older than the
maximum age are ignored. Failures are never stored: a broken link is always checked again.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

from checks.http import LinkResult, Outcome


@dataclass
class SuccessCache:
    path: Path | None
    max_age: timedelta
    entries: dict[str, dict[str, str]] = field(default_factory=dict)
    hits: int = 0

    @classmethod
    def load(cls, path: Path | None, max_age: timedelta) -> SuccessCache:
        cache = cls(path, max_age)
        if path and path.is_file():
            try:
                cache.entries = json.loads(path.read_text(encoding="utf-8"))
            except (json.JSONDecodeError, UnicodeDecodeError):
                cache.entries = {}  # a damaged cache only costs a full re-check
        return cache

    def get(self, url: str, now: datetime) -> LinkResult | None:
        entry = self.entries.get(url)
        if not entry or now - datetime.fromisoformat(entry["checked_at"]) > self.max_age:
            return None
        self.hits += 1
        return LinkResult(url, Outcome.OK, int(entry["status"]), entry["final_url"],
                          content_type=entry["content_type"], from_cache=True)

    def put(self, result: LinkResult, now: datetime) -> None:
        if result.outcome is Outcome.OK and not result.from_cache:
            self.entries[result.url] = {"status": str(result.status), "final_url": result.final_url,
                                        "content_type": result.content_type, "checked_at": now.isoformat()}
        elif result.outcome is not Outcome.OK:
            self.entries.pop(result.url, None)

    def save(self) -> None:
        if self.path:
            self.path.write_text(json.dumps(self.entries, ensure_ascii=False, indent=1, sort_keys=True),
                                 encoding="utf-8")


def utc_now() -> datetime:
    return datetime.now(timezone.utc)
