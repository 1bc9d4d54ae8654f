"""The one network seam, polite and bounded as a real crawler is.

- robots.txt is read once per host and obeyed; its Crawl-delay raises the per-host delay.
- Transient failures (resets, 5xx, 429) are retried per request by urllib3's `Retry`, which
  waits out `Retry-After` on 429 and 503 (up to `max_retry_after_s`).
- Every request is bounded: a deadline on the whole response (a server trickling bytes cannot
  hold it past the deadline, whatever the per-read timeout) and a size cap (the body is
  streamed and dropped at the cap).
- Redirects are followed only to allowed hosts; `check_url` applies the same rule to every URL
  taken from a page.
- Decoded text is checked (replacement characters, share of CJK): a wrong declared charset is
  overruled by the fallbacks, or reported when nothing decodes plausibly.
Every refusal is a typed `FetchError` whose message says why.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Iterable
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import requests
from charset_normalizer import from_bytes
from requests.adapters import HTTPAdapter
from urllib3.exceptions import HTTPError, IncompleteRead, ProtocolError
from urllib3.util.retry import Retry

from tasks.core import site
from tasks.core.models import FetchedPage
from tasks.core.settings import Settings


class NotFound(Exception):
    """The server answered 404: normal for dates with no issue, never retried."""


class FetchError(Exception):
    """A request that did not give a usable page. `transient` says whether a later attempt
    (the next run) may succeed; policy refusals are not transient."""

    transient = True


class DeadlineExceeded(FetchError):
    """The whole request took longer than the deadline (a slow or trickling server)."""


class TruncatedBody(FetchError):
    """The connection closed before the announced body arrived."""


class TooLarge(FetchError):
    """The response is larger than the size cap."""

    transient = False


class HostNotAllowed(FetchError):
    """A redirect or a link leads off the allowed hosts."""

    transient = False


class RobotsDisallowed(FetchError):
    """robots.txt of the host disallows the URL (or could not be read: RFC 9309 says stop)."""

    transient = False


class UndecodableText(FetchError):
    """No charset turns the bytes into plausible text (mojibake or replacement characters)."""

    transient = False


# Labels that browsers treat as GB18030's subsets; decoding with the superset loses nothing.
_GB_FAMILY = {"gb2312", "gbk", "gb_2312-80", "x-gbk", "gb18030"}
# Servers send these by default whatever the bytes are; they decode anything, so they prove nothing.
_UNTRUSTED = {"iso-8859-1", "latin-1", "latin1", "ascii", "us-ascii"}
_RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
_CHUNK = 64 * 1024


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


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef"


def implausibility(text: str) -> str | None:
    """Why decoded text is not a plausible Chinese page, or None when it is. ASCII-only text
    (robots.txt, period.xml) is always plausible."""
    if text.count("\ufffd") > max(1, len(text) * site.MAX_REPLACEMENT_SHARE):
        return f"{text.count(chr(0xFFFD))} replacement characters"
    non_ascii = [ch for ch in text if ord(ch) > 127 and not ch.isspace()]
    if len(non_ascii) < site.MIN_NON_ASCII_TO_JUDGE:
        return None
    share = sum(map(_is_cjk, non_ascii)) / len(non_ascii)
    if share < site.MIN_CJK_SHARE:
        return f"only {share:.0%} of non-ASCII characters are Chinese"
    return None


def decode_html(raw: bytes, declared: str | None) -> tuple[str, str]:
    """Decode by the declared charset, then the usual ones, then detection; the first that
    gives plausible text wins. Raises UndecodableText naming every charset tried.

    UTF-8 is tried before a declared GB charset because GB18030 decodes almost any bytes
    without error, so a UTF-8 page wrongly declared as gb2312 would otherwise turn to mojibake.
    """
    candidates: list[str] = []
    if declared and declared != "gb18030":
        candidates.append(declared)
    candidates += [e for e in site.FALLBACK_ENCODINGS if e not in candidates]
    if declared == "gb18030" and "gb18030" not in candidates:
        candidates.append("gb18030")
    tried: list[str] = []
    for enc in candidates:
        try:
            text = raw.decode(enc)
        except (UnicodeDecodeError, LookupError) as exc:
            tried.append(f"{enc}: {type(exc).__name__}")
            continue
        why = implausibility(text)
        if why is None:
            return text, enc
        tried.append(f"{enc}: {why}")
    best = from_bytes(raw).best()
    if best is not None and implausibility(str(best)) is None:
        return str(best), best.encoding
    tried.append("detection: nothing plausible")
    raise UndecodableText(f"no charset decodes the page plausibly ({'; '.join(tried)})")


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


class _GuardedSession(requests.Session):
    """A session that refuses to follow a redirect off the allowed hosts."""

    def __init__(self, fetcher: Fetcher) -> None:
        super().__init__()
        self._fetcher = fetcher

    def get_redirect_target(self, resp: requests.Response) -> str | None:
        target = super().get_redirect_target(resp)
        if target:
            self._fetcher.check_url(urljoin(resp.url, target), f"redirect from {resp.url}")
        return target


class Fetcher:
    """Fetches pages politely and safely: one session, one User-Agent, robots.txt obeyed, at
    most one request per delay per host, each request bounded in time and size."""

    def __init__(
        self,
        user_agent: str,
        timeout_s: float = 20.0,
        delay_s: float = 1.0,
        *,
        allowed_hosts: Iterable[str] | None = None,
        settings: Settings | None = None,
    ) -> None:
        s = settings or Settings()
        self.user_agent = user_agent
        self.timeout_s = timeout_s
        self.delay_s = delay_s
        self.deadline_s = s.deadline_s
        self.max_bytes = s.max_bytes
        self.allowed_hosts = {h.lower() for h in (allowed_hosts or s.allowed_hosts)}
        self.session = _GuardedSession(self)
        self.session.headers["User-Agent"] = user_agent
        self.session.max_redirects = 5
        retry = Retry(
            total=s.retries,
            connect=s.retries,
            read=s.retries,
            status=s.retries,
            redirect=False,  # requests follows redirects itself, through the host check
            allowed_methods=frozenset({"GET"}),
            status_forcelist=_RETRY_STATUSES,
            backoff_factor=s.backoff_s,
            respect_retry_after_header=True,
            retry_after_max=int(s.max_retry_after_s),
            raise_on_status=False,
        )
        adapter = HTTPAdapter(max_retries=retry)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        self._lock = threading.Lock()
        self._next_slot: dict[str, float] = {}
        self._robots: dict[str, tuple[RobotFileParser | None, str]] = {}
        self._robots_lock = threading.Lock()
        self._host_delay: dict[str, float] = {}

    # -- hosts ---------------------------------------------------------------------------------
    def allow(self, url: str) -> None:
        """Allow the host of an operator-given base URL (configuration, like allowed_hosts)."""
        with self._lock:
            self.allowed_hosts.add(host_of(url))

    def check_url(self, url: str, context: str = "link") -> str:
        """Raise HostNotAllowed unless `url` is http(s) on an allowed host; returns it."""
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        if parts.scheme not in ("http", "https") or host not in self.allowed_hosts:
            raise HostNotAllowed(
                f"{context} leads to {url}: host {host or '?'} is not among the allowed hosts "
                f"({', '.join(sorted(self.allowed_hosts))}; settings.allowed_hosts)"
            )
        return url

    # -- politeness ----------------------------------------------------------------------------
    def host_delay(self, host: str) -> float:
        """The delay between two requests to `host`: ours, or robots.txt's if longer."""
        return max(self.delay_s, self._host_delay.get(host, 0.0))

    def _wait_turn(self, host: str) -> None:
        with self._lock:
            now = time.monotonic()
            slot = max(now, self._next_slot.get(host, now))
            self._next_slot[host] = slot + self.host_delay(host)
        if slot > now:
            time.sleep(slot - now)

    def _robots_for(self, url: str) -> tuple[RobotFileParser | None, str]:
        """The parsed robots.txt of the URL's host (read once, even by threads racing for it),
        or None and why the host is off limits."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        with self._robots_lock:
            if origin not in self._robots:
                self._robots[origin] = self._read_robots(origin, parts.hostname or "")
            return self._robots[origin]

    def _read_robots(self, origin: str, host: str) -> tuple[RobotFileParser | None, str]:
        robots_url = origin + "/robots.txt"
        parser = RobotFileParser(robots_url)
        try:
            resp, raw = self._transfer(robots_url)
        except FetchError as exc:
            return None, f"robots.txt unreachable ({exc})"
        if resp.status_code >= 500:
            return None, f"robots.txt answered HTTP {resp.status_code}"
        # RFC 9309: an unavailable robots.txt (4xx) allows everything.
        lines = [] if resp.status_code >= 400 else raw.decode("utf-8", "replace").splitlines()
        parser.parse(lines)
        delay = parser.crawl_delay(self.user_agent)
        rate = parser.request_rate(self.user_agent)
        slowest = max(float(delay or 0), rate.seconds / rate.requests if rate else 0.0)
        with self._lock:
            self._host_delay[host] = slowest
        return parser, ""

    def check_robots(self, url: str) -> None:
        """Raise RobotsDisallowed, saying why, when robots.txt forbids fetching `url`."""
        parser, reason = self._robots_for(url)
        if parser is None:
            raise RobotsDisallowed(f"{url} not fetched: {reason}, so the host is off limits")
        if not parser.can_fetch(self.user_agent, url):
            raise RobotsDisallowed(
                f"{url} not fetched: robots.txt of {urlsplit(url).netloc} disallows it "
                f"for user agent {self.user_agent!r}"
            )

    # -- transfer ------------------------------------------------------------------------------
    def _transfer(self, url: str) -> tuple[requests.Response, bytes]:
        """One GET with retries, the deadline and the size cap; returns the response and body.
        Connecting and each retry are bounded by the per-read timeout and `Retry`'s limits
        (waits capped by max_retry_after_s); the deadline runs from the response's headers, so
        a wait the server asked for is not counted against it."""
        try:
            resp = self.session.get(url, timeout=self.timeout_s, stream=True)
        except HostNotAllowed:
            raise
        except requests.exceptions.TooManyRedirects as exc:
            raise FetchError(f"{url}: too many redirects") from exc
        except requests.RequestException as exc:
            raise FetchError(f"{url}: {exc}") from exc
        deadline = time.monotonic() + self.deadline_s
        try:
            declared_length = int(resp.headers.get("Content-Length") or 0)
            if declared_length > self.max_bytes:
                raise TooLarge(
                    f"{url}: {declared_length} bytes announced, more than the cap of "
                    f"{self.max_bytes} (settings.max_bytes)"
                )
            return resp, self._read_body(url, resp, deadline)
        finally:
            resp.close()

    def _read_body(self, url: str, resp: requests.Response, deadline: float) -> bytes:
        """Read the body in pieces as they arrive, checking the deadline and the cap after each
        piece and shortening the socket's timeout to the time left."""
        parts: list[bytes] = []
        size = 0
        raw = resp.raw
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise DeadlineExceeded(
                    f"{url}: not complete after {self.deadline_s:g} s (settings.deadline_s); "
                    f"{size} bytes received"
                )
            sock = getattr(getattr(raw, "connection", None), "sock", None)
            if sock is not None:
                sock.settimeout(min(self.timeout_s, left))
            try:
                piece = raw.read1(_CHUNK, decode_content=True)
            except (IncompleteRead, ProtocolError) as exc:
                raise TruncatedBody(f"{url}: body cut short after {size} bytes ({exc})") from exc
            except (OSError, HTTPError) as exc:  # read timeouts, resets
                if time.monotonic() >= deadline:
                    raise DeadlineExceeded(
                        f"{url}: not complete after {self.deadline_s:g} s (settings.deadline_s)"
                    ) from exc
                raise FetchError(f"{url}: {type(exc).__name__}: {exc}") from exc
            if not piece:
                return b"".join(parts)
            size += len(piece)
            if size > self.max_bytes:
                raise TooLarge(
                    f"{url}: more than the cap of {self.max_bytes} bytes (settings.max_bytes)"
                )
            parts.append(piece)

    def get(self, url: str) -> FetchedPage:
        """Fetch one page: allowed host, robots.txt, per-host delay, retries, bounds, decoding."""
        self.check_url(url, "request")
        self.check_robots(url)
        self._wait_turn(host_of(url))
        resp, raw = self._transfer(url)
        if resp.status_code == 404:
            raise NotFound(url)
        if resp.status_code >= 400:
            retries = getattr(resp.raw, "retries", None)
            retried = len(retries.history) if retries else 0
            raise FetchError(f"{url}: HTTP {resp.status_code} after {retried} retries")
        declared = declared_encoding(resp.headers.get("Content-Type"), raw)
        try:
            text, encoding = decode_html(raw, declared)
        except UndecodableText as exc:
            raise UndecodableText(f"{url}: {exc}") from exc
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
