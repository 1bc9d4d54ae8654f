"""A fault-injecting loopback server in front of a built replica, for tests of a hostile web.

Usage (like ReplicaServer, a context manager)::

    faults = {
        "/epaper/zjsb/html/2020-12/23/content_*.htm": Fault("http_503", times=1, retry_after=2),
        "/robots.txt": Fault("robots_disallow"),
    }
    with FaultServer(root, faults) as server:
        run(base_url=server.base_url)
        assert server.served["/robots.txt"] == 1      # faults actually served, per path
        assert server.hits_matching("*/content_*") == 0  # requests per path, fault or not

Keys are URL paths (query and fragment ignored) or fnmatch globs; the first key that matches
wins. `times=k` serves the fault for the first k requests to each matching path, then the
real page (a transient failure); `times=None` serves it always. Kinds (`KINDS`):

  http_500            500 Internal Server Error
  http_503            503, with `Retry-After: retry_after` when set
  http_429            429 with `Retry-After: retry_after` (default 1)
  transient           500 for the first `times` requests (default 2), then the page
  reset               the connection is reset (RST) before any response
  slow                the real page trickled `rate` bytes every `interval` s (past any deadline)
  truncated           Content-Length of the full page, half of it sent, connection closed
  wrong_charset       the page as GBK bytes, declared windows-1252 (header and meta)
  malformed           every closing tag (but </title>) dropped: a title element swallows the page
  oversized           a page of `size` bytes (50 MB by default), generated as it is sent;
                      `announce_length=False` leaves out Content-Length
  redirect_off_host   302 to `target` (default: the same path on http://localhost:<port>)
  robots_disallow     a robots.txt that disallows /epaper/ for every user agent
  missing             404 (a day period.xml promises that answers nothing)
  markup_drift        article links moved into an element no strategy knows (span[data-href])
"""

from __future__ import annotations

import fnmatch
import re
import socket
import struct
import threading
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar
from urllib.parse import urlsplit

from tasks.core.replica.server import ReplicaHandler, ReplicaServer

KINDS = frozenset(
    {
        "http_500",
        "http_503",
        "http_429",
        "transient",
        "reset",
        "slow",
        "truncated",
        "wrong_charset",
        "malformed",
        "oversized",
        "redirect_off_host",
        "robots_disallow",
        "missing",
        "markup_drift",
    }
)
ROBOTS_DISALLOW = "User-agent: *\nDisallow: /epaper/\n"
_CLOSING_TAG = re.compile(r"</(?!title\b)[a-zA-Z][a-zA-Z0-9-]*>", re.I)
_ARTICLE_LINK = re.compile(r"<a (href=\"?content_[^>]*)>(.*?)</a>", re.I | re.S)
_AREA = re.compile(r"<area [^>]*>", re.I)
_META_CHARSET = re.compile(r"charset=[\"']?[A-Za-z0-9_-]+", re.I)


@dataclass(frozen=True)
class Fault:
    """What to serve instead of a page. See the module docstring for the kinds."""

    kind: str
    times: int | None = None
    retry_after: float | None = None
    size: int = 50 * 1024 * 1024
    rate: int = 64
    interval: float = 0.2
    target: str | None = None
    announce_length: bool = True  # oversized: send Content-Length, or make the client stream

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown fault kind {self.kind!r}; known: {', '.join(sorted(KINDS))}")


class _FaultHandler(ReplicaHandler):
    server_ref: ClassVar[FaultServer]

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        owner = self.server_ref
        fault = owner.fault_for(path)
        if fault is None:
            super().do_GET()
            return
        getattr(self, f"_serve_{fault.kind}")(fault, path)

    # -- helpers -------------------------------------------------------------------------------
    def _page_bytes(self, path: str) -> bytes:
        file = Path(self.translate_path(path))
        if file.is_dir():
            file = file / "index.htm"
        return file.read_bytes() if file.is_file() else b""

    def _page_text(self, path: str) -> str:
        raw = self._page_bytes(path)
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            return raw.decode("gb18030")

    def _start(self, length: int | None, content_type: str = "text/html; charset=utf-8") -> None:
        """Status 200 and headers; the body follows however the fault sends it."""
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        if length is not None:
            self.send_header("Content-Length", str(length))
        self.end_headers()

    def _send(self, status: int, body: bytes, content_type: str, **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def _status(self, status: int, retry_after: float | None = None) -> None:
        extra = {"Retry_After": f"{retry_after:g}"} if retry_after is not None else {}
        self.close_connection = True
        self._send(status, f"HTTP {status}".encode(), "text/plain", **extra)

    # -- fault kinds ---------------------------------------------------------------------------
    def _serve_http_500(self, fault: Fault, path: str) -> None:
        self._status(500)

    def _serve_transient(self, fault: Fault, path: str) -> None:
        self._status(500)

    def _serve_http_503(self, fault: Fault, path: str) -> None:
        self._status(503, fault.retry_after)

    def _serve_http_429(self, fault: Fault, path: str) -> None:
        self._status(429, fault.retry_after if fault.retry_after is not None else 1)

    def _serve_missing(self, fault: Fault, path: str) -> None:
        self._status(404)

    def _serve_reset(self, fault: Fault, path: str) -> None:
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.close_connection = True
        self.connection.close()

    def _serve_slow(self, fault: Fault, path: str) -> None:
        body = self._page_bytes(path)
        self._start(len(body))
        try:
            for i in range(0, len(body), fault.rate):
                self.wfile.write(body[i : i + fault.rate])
                self.wfile.flush()
                time.sleep(fault.interval)
        except OSError:
            pass  # the client gave up: its deadline worked
        self.close_connection = True

    def _serve_truncated(self, fault: Fault, path: str) -> None:
        body = self._page_bytes(path)
        self._start(len(body))
        self.wfile.write(body[: len(body) // 2])
        self.wfile.flush()
        self.close_connection = True

    def _serve_wrong_charset(self, fault: Fault, path: str) -> None:
        text = _META_CHARSET.sub("charset=windows-1252", self._page_text(path))
        body = text.encode("gbk", errors="xmlcharrefreplace")
        self._send(200, body, "text/html; charset=windows-1252")

    def _serve_malformed(self, fault: Fault, path: str) -> None:
        text = _CLOSING_TAG.sub("", self._page_text(path))
        self._send(200, text.encode("utf-8"), "text/html; charset=utf-8")

    def _serve_markup_drift(self, fault: Fault, path: str) -> None:
        text = _AREA.sub("", self._page_text(path))
        text = _ARTICLE_LINK.sub(r'<span data-\1 class="title-item">\2</span>', text)
        self._send(200, text.encode("utf-8"), "text/html; charset=utf-8")

    def _serve_oversized(self, fault: Fault, path: str) -> None:
        chunk = ("<p>" + "版面填充文字。" * 2000 + "</p>\n").encode("utf-8")
        self._start(fault.size if fault.announce_length else None)
        sent = 0
        try:
            while sent < fault.size:
                piece = chunk[: fault.size - sent]
                self.wfile.write(piece)
                sent += len(piece)
        except OSError:
            pass  # the client stopped at its cap
        self.close_connection = True

    def _serve_redirect_off_host(self, fault: Fault, path: str) -> None:
        port = self.server.server_address[1]
        target = fault.target or f"http://localhost:{port}{path}"
        self.send_response(302)
        self.send_header("Location", target)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _serve_robots_disallow(self, fault: Fault, path: str) -> None:
        self._send(200, ROBOTS_DISALLOW.encode(), "text/plain; charset=utf-8")


class FaultServer(ReplicaServer):
    """A ReplicaServer that serves the given faults instead of the matching pages.
    `hits` counts requests per path, `served` the faults actually served per path."""

    handler_class = _FaultHandler

    def __init__(self, root: Path, faults: dict[str, Fault] | None = None, port: int = 0) -> None:
        self.faults = dict(faults or {})
        self.hits: Counter[str] = Counter()
        self.served: Counter[str] = Counter()
        self._lock = threading.Lock()
        super().__init__(root, port, server_ref=self)

    def fault_for(self, path: str) -> Fault | None:
        """The fault to serve for this request of `path`, counting the request."""
        with self._lock:
            self.hits[path] += 1
            for pattern, fault in self.faults.items():
                if path == pattern or fnmatch.fnmatchcase(path, pattern):
                    limit = fault.times if fault.times is not None else None
                    if fault.kind == "transient" and limit is None:
                        limit = 2
                    if limit is not None and self.served[path] >= limit:
                        return None
                    self.served[path] += 1
                    return fault
        return None

    def hits_matching(self, pattern: str) -> int:
        """Requests made to paths matching the glob `pattern`."""
        with self._lock:
            return sum(n for p, n in self.hits.items() if fnmatch.fnmatchcase(p, pattern))
