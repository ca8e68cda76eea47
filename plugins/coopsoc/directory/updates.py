"""The day each establishment's entry was last changed, from git, for entries without
« mise_a_jour ».

Never the clock: the day of the last commit that touched one of the entry's lines (git
blame), in the committer's time zone. Lines not yet committed, and a data folder outside a
git checkout, give no day: the page then shows none rather than a guess.
"""

from __future__ import annotations

import re
import subprocess
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

_ENTRY_START = re.compile(r"-\s")
_ID = re.compile(r"^(?:-\s+)?\s*id:\s*[\"']?([^\"'\s#]+)")
_HEADER = re.compile(r"([0-9a-f]{40}) \d+ (\d+)")
_UNCOMMITTED = "0" * 40


def entry_days(path: Path) -> dict[str, date]:
    """Return, by establishment id, the day its entry in path was last committed."""
    path = Path(path)
    try:
        blame = subprocess.run(
            ["git", "blame", "--line-porcelain", "--", path.name],
            cwd=path.parent,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return {}
    days = _line_days(blame)
    lines = path.read_text(encoding="utf-8").splitlines()
    found: dict[str, date] = {}
    current = None
    for number, text in enumerate(lines, start=1):
        if _ENTRY_START.match(text):
            current = None
        match = _ID.match(text)
        if match and current is None:
            current = match.group(1)
        if current and number in days:
            found[current] = max(found.get(current, days[number]), days[number])
    return found


def _line_days(blame: str) -> dict[int, date]:
    """Return the commit day of each committed line of a `git blame --line-porcelain`."""
    days: dict[int, date] = {}
    commit = line = None
    when = offset = None
    for text in blame.splitlines():
        header = _HEADER.match(text)
        if header:
            commit, line = header.group(1), int(header.group(2))
        elif text.startswith("committer-time "):
            when = int(text.split()[1])
        elif text.startswith("committer-tz "):
            zone = text.split()[1]
            sign = -1 if zone.startswith("-") else 1
            offset = sign * timedelta(hours=int(zone[1:3]), minutes=int(zone[3:5]))
        elif text.startswith("\t") and commit != _UNCOMMITTED and when is not None:
            moment = datetime.fromtimestamp(when, UTC).astimezone(timezone(offset or timedelta()))
            days[line] = moment.date()
    return days
