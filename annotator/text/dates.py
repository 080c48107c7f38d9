"""Dates the user gives (an article's publication date, when a source was read): ISO 8601."""

from __future__ import annotations

import re
from datetime import date, datetime

from annotator.errors import InputError

_YEAR = re.compile(r"\d{4}")
_YEAR_MONTH = re.compile(r"(\d{4})-(\d{2})")


def parse_date(value: str, what: str = "date") -> str:
    """``value`` checked and written the ISO 8601 way: ``2023``, ``2023-08``, ``2023-08-24``
    or a date and time (``2023-08-24T10:00:00Z``); one line naming ``what`` otherwise.

    The text goes on into exports (ClaimReview's ``datePublished``), so it is a real date
    or nothing: "" stays "".
    """
    text = value.strip()
    if not text:
        return ""
    try:
        if _YEAR.fullmatch(text):
            return f"{date(int(text), 1, 1).year:04d}"
        if m := _YEAR_MONTH.fullmatch(text):
            return date(int(m.group(1)), int(m.group(2)), 1).strftime("%Y-%m")
        if len(text) <= 10:
            return date.fromisoformat(text).isoformat()
        stamp = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        raise InputError(
            f"{what} {value!r} is not a date: give it as ISO 8601, e.g. 2023-08-24"
            " (or 2023-08, 2023, 2023-08-24T10:00:00Z)"
        ) from None
    return stamp.isoformat().replace("+00:00", "Z")
