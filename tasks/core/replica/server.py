"""Serve a built replica over real HTTP on 127.0.0.1, with the Content-Type each page was given."""

from __future__ import annotations

import json
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any, ClassVar, Self

from tasks.core.replica.render import HEADERS_FILE


class ReplicaHandler(SimpleHTTPRequestHandler):
    content_types: ClassVar[dict[str, str]] = {}

    def guess_type(self, path: str) -> str:  # type: ignore[override]
        rel = "/" + str(Path(path).relative_to(Path(self.directory).resolve()))
        return self.content_types.get(rel, super().guess_type(path))

    def log_message(self, format: str, *args: object) -> None:  # quiet: tests and demo
        pass


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # clients that hang up (deadlines, caps) are expected here


class ReplicaServer:
    """`with ReplicaServer(root) as server: server.base_url` — started and stopped by its user."""

    handler_class: type[ReplicaHandler] = ReplicaHandler

    def __init__(self, root: Path, port: int = 0, **handler_attrs: Any) -> None:
        self.root = root.resolve()
        headers = self.root / HEADERS_FILE
        content_types = json.loads(headers.read_text(encoding="utf-8")) if headers.exists() else {}
        handler = type(
            "Handler", (self.handler_class,), {"content_types": content_types, **handler_attrs}
        )
        self.httpd = _QuietServer(("127.0.0.1", port), partial(handler, directory=str(self.root)))
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def __enter__(self) -> Self:
        self.thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)
