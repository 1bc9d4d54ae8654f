"""The page sets of the core benchmark: every article page of the replica, and long pages
(eight consecutive bodies merged into one page, about 1,700 characters)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from tasks.core.http import decode_html
from tasks.core.replica.render import build_site

# A body paragraph of the replica's templates: one <p> element alone on its line.
_PARAGRAPH_LINE = re.compile(r"^<p>.*</p>$", re.I | re.M)
_TAG = re.compile(r"<[^>]+>")
MERGED = 8


@dataclass(frozen=True)
class Page:
    url: str
    raw: bytes
    html: str

    @property
    def body_text(self) -> str:
        """The body paragraphs' text (its length describes a page set)."""
        return "\n".join(_TAG.sub("", m.group(0)) for m in _PARAGRAPH_LINE.finditer(self.html))


def replica_pages(root: Path, faults: bool = False) -> list[Page]:
    """Build the replica under `root` and read back every article page, decoded as fetched
    (`faults`: with the broken pages of the failure-handling tests)."""
    build_site(root, faults=faults)
    pages = []
    for path in sorted(root.rglob("content_*.htm")):
        raw = path.read_bytes()
        html, _ = decode_html(raw, None)
        pages.append(Page("http://replica/" + path.relative_to(root).as_posix(), raw, html))
    return pages


def long_pages(pages: list[Page]) -> list[Page]:
    """Each run of eight pages becomes the first page with the paragraphs of all eight."""
    merged = []
    for i in range(0, len(pages) - MERGED + 1, MERGED):
        group = pages[i : i + MERGED]
        lines = [m.group(0) for p in group for m in _PARAGRAPH_LINE.finditer(p.html)]
        first = group[0].html
        spans = list(_PARAGRAPH_LINE.finditer(first))
        if not spans:
            continue
        html = first[: spans[0].start()] + "\n".join(lines) + first[spans[-1].end() :]
        merged.append(Page(group[0].url, html.encode("utf-8"), html))
    return merged
