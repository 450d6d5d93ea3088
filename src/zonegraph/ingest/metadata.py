"""Dates and URLs given outside a document's text (a manifest row, a build option, a web
page's own metadata), checked before they reach the graph: a date must be a real ISO date
or year-month, a URL an http(s) URL with nothing in it that breaks an IRI or an HTML page.
"""
from __future__ import annotations

import re
from datetime import date

_DATE = re.compile(r"^(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?(?:[T ][0-9:.+\-Z ]*)?$")
#: An http(s) URL with nothing in it that could break an IRI or the HTML it is shown in.
_URL = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$", re.I)


def iso_date(text: str) -> str | None:
    """``2024-03-05`` (also ``2024/3/5`` or a timestamp) → ``2024-03-05``; ``2024-03`` →
    ``2024-03``; anything else → None."""
    m = _DATE.match(text.strip())
    if not m:
        return None
    year, month, day = int(m.group(1)), int(m.group(2)), m.group(3)
    try:
        if day is None:
            date(year, month, 1)
            return f"{year:04d}-{month:02d}"
        return date(year, month, int(day)).isoformat()
    except ValueError:
        return None


def web_url(text: str) -> str | None:
    """``text`` when it is an http(s) URL that is safe to write as an IRI, else None."""
    text = text.strip()
    return text if _URL.match(text) else None
