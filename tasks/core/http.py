"""The one network seam: a shared session, a timeout, a polite per-host delay, charset handling."""

from __future__ import annotations

import hashlib
import threading
import time
from datetime import UTC, datetime
from urllib.parse import urlsplit

import requests
from charset_normalizer import from_bytes

from tasks.core import site
from tasks.core.models import FetchedPage


class NotFound(Exception):
    """The server answered 404: normal for dates with no issue, never retried."""


class FetchError(Exception):
    """A network failure or server error: worth retrying."""


# Labels that browsers treat as GB18030's subsets; decoding with the superset loses nothing.
_GB_FAMILY = {"gb2312", "gbk", "gb_2312-80", "x-gbk", "gb18030"}
# Servers send these by default whatever the bytes are; they decode anything, so they prove nothing.
_UNTRUSTED = {"iso-8859-1", "latin-1", "latin1", "ascii", "us-ascii"}


def _normal_encoding(label: str | None) -> str | None:
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    if label in _UNTRUSTED:
        return None
    return "gb18030" if label in _GB_FAMILY else label


def declared_encoding(content_type: str | None, raw: bytes) -> str | None:
    """The charset the server or the page itself declares, if any."""
    if content_type and "charset=" in content_type.lower():
        return _normal_encoding(content_type.lower().split("charset=")[-1].split(";")[0])
    m = site.META_CHARSET.search(raw[:4096])
    return _normal_encoding(m.group(1).decode("ascii")) if m else None


def decode_html(raw: bytes, declared: str | None) -> tuple[str, str]:
    """Decode by the declared charset, then the usual ones, then detection.

    UTF-8 is tried before a declared GB charset because GB18030 decodes almost any bytes
    without error, so a UTF-8 page wrongly declared as gb2312 would otherwise turn to mojibake.
    """
    candidates: list[str] = []
    if declared and declared != "gb18030":
        candidates.append(declared)
    candidates += [e for e in site.FALLBACK_ENCODINGS if e not in candidates]
    if declared == "gb18030" and "gb18030" not in candidates:
        candidates.append("gb18030")
    for enc in candidates:
        try:
            return raw.decode(enc), enc
        except (UnicodeDecodeError, LookupError):
            continue
    best = from_bytes(raw).best()
    if best is None:
        return raw.decode("utf-8", errors="replace"), "utf-8-replace"
    return str(best), best.encoding


class Fetcher:
    """Fetches pages politely: one session, one User-Agent, at most one request per delay per host."""

    def __init__(self, user_agent: str, timeout_s: float = 20.0, delay_s: float = 1.0) -> None:
        self.session = requests.Session()
        self.session.headers["User-Agent"] = user_agent
        self.timeout_s = timeout_s
        self.delay_s = delay_s
        self._lock = threading.Lock()
        self._next_slot: dict[str, float] = {}

    def _wait_turn(self, host: str) -> None:
        with self._lock:
            now = time.monotonic()
            slot = max(now, self._next_slot.get(host, now))
            self._next_slot[host] = slot + self.delay_s
        if slot > now:
            time.sleep(slot - now)

    def get(self, url: str) -> FetchedPage:
        self._wait_turn(urlsplit(url).netloc)
        try:
            resp = self.session.get(url, timeout=self.timeout_s)
        except requests.RequestException as exc:
            raise FetchError(f"{url}: {exc}") from exc
        if resp.status_code == 404:
            raise NotFound(url)
        if resp.status_code >= 400:
            raise FetchError(f"{url}: HTTP {resp.status_code}")
        raw = resp.content
        declared = declared_encoding(resp.headers.get("Content-Type"), raw)
        text, encoding = decode_html(raw, declared)
        return FetchedPage(
            url=url,
            status=resp.status_code,
            fetched_at=datetime.now(UTC),
            raw=raw,
            text=text,
            encoding=encoding,
            declared_encoding=declared,
            content_hash=hashlib.sha256(raw).hexdigest(),
        )

    def close(self) -> None:
        self.session.close()
