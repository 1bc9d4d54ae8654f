"""Every fetch-level fault kind against the Fetcher: retried and loaded, or refused with a typed
error that says why. The faults are served over loopback by FaultServer in front of the replica."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tasks.core.http import (
    DeadlineExceeded,
    Fetcher,
    FetchError,
    HostNotAllowed,
    NotFound,
    RobotsDisallowed,
    TooLarge,
    TruncatedBody,
    UndecodableText,
    decode_html,
)
from tasks.core.parse import ImplausibleArticle, SiteDriftError, parse_article, parse_page_articles
from tasks.core.replica.faults import Fault, FaultServer
from tasks.core.settings import Settings
from tests.conftest import replica_pages

SETTINGS = Settings(
    retries=2, backoff_s=0, deadline_s=2.0, max_bytes=1_000_000, max_retry_after_s=5
)


@pytest.fixture(scope="module")
def article(replica_root: Path) -> str:
    """Path of a classic-template article of the replica (UTF-8 or GBK, as generated)."""
    return replica_pages(replica_root, "zjsb", "2020-12-23", "content_*.htm")[0]


def _fetcher(timeout_s: float = 1.0) -> Fetcher:
    return Fetcher("pearl-tests", timeout_s, 0, allowed_hosts=["127.0.0.1"], settings=SETTINGS)


def _get(root: Path, path: str, fault: Fault, **fetcher_args: float):
    with FaultServer(root, {path: fault}) as server:
        fetcher = _fetcher(**fetcher_args)
        try:
            return fetcher.get(server.base_url + path), server
        finally:
            fetcher.close()


def _fails(root: Path, path: str, fault: Fault, error: type[Exception], match: str):
    with FaultServer(root, {path: fault}) as server:
        fetcher = _fetcher()
        with pytest.raises(error, match=match) as caught:
            fetcher.get(server.base_url + path)
        fetcher.close()
    return server, caught.value


def test_a_permanent_500_is_retried_then_reported(replica_root, article):
    server, exc = _fails(replica_root, article, Fault("http_500"), FetchError, "HTTP 500 after 2")
    assert server.served[article] == 3 and exc.transient  # one try and two retries


@pytest.mark.parametrize(
    "fault",
    [
        Fault("transient", times=2),
        Fault("http_503", times=1),
        Fault("reset", times=1),
        Fault("http_503", times=1, retry_after=1),
    ],
    ids=["transient-500", "503", "reset", "503-retry-after"],
)
def test_transient_failures_are_retried_within_the_request(replica_root, article, fault):
    page, server = _get(replica_root, article, fault)
    assert page.status == 200 and "founder-title" in page.text
    assert server.served[article] == (fault.times or 2)


def test_retry_after_on_429_is_waited_out(replica_root, article):
    started = time.monotonic()
    page, server = _get(replica_root, article, Fault("http_429", times=1, retry_after=2))
    assert page.status == 200 and server.served[article] == 1
    assert time.monotonic() - started >= 2.0  # the server's wish, not our backoff (0 here)


def test_a_trickling_server_cannot_hold_a_fetch_past_the_deadline(replica_root, article):
    started = time.monotonic()
    _fails(
        replica_root,
        article,
        Fault("slow", rate=32, interval=0.2),
        DeadlineExceeded,
        "not complete after 2 s",
    )
    assert time.monotonic() - started < SETTINGS.deadline_s + 1.5  # each read is also bounded


def test_a_truncated_body_is_a_typed_error(replica_root, article):
    _fails(replica_root, article, Fault("truncated"), TruncatedBody, "cut short")


@pytest.mark.parametrize("announce", [True, False], ids=["announced", "streamed"])
def test_an_oversized_page_stops_at_the_cap(replica_root, article, announce):
    _, exc = _fails(
        replica_root,
        article,
        Fault("oversized", announce_length=announce),
        TooLarge,
        "cap of 1000000",
    )
    assert not exc.transient


def test_a_wrong_declared_charset_is_overruled(replica_root, article):
    page, _ = _get(replica_root, article, Fault("wrong_charset"))
    assert page.declared_encoding == "windows-1252" and page.encoding == "gb18030"
    art = parse_article(page.text, "http://h" + article)
    assert art.title and all("\u4e00" <= ch <= "\u9fff" or ch in " ，、：" for ch in art.title)


def test_text_that_no_charset_makes_chinese_is_reported():
    latin = ("<p>Le marché de nuit a ouvert hier, à côté de la rivière été.</p>" * 20).encode(
        "cp1252"
    )
    with pytest.raises(UndecodableText, match=r"windows-1252: only 0% .* are Chinese"):
        decode_html(latin, "windows-1252")


def test_malformed_markup_is_an_implausible_article_not_a_title(replica_root, article):
    page, _ = _get(replica_root, article, Fault("malformed"))
    with pytest.raises(ImplausibleArticle, match="title of"):
        parse_article(page.text, "http://h" + article)


def test_a_redirect_off_the_allowed_hosts_is_not_followed(replica_root, article):
    server, _ = _fails(
        replica_root, article, Fault("redirect_off_host"), HostNotAllowed, "host localhost"
    )
    assert server.hits[article] == 1  # the redirect target (same server, other name) never asked


def test_a_redirect_within_the_allowed_hosts_is_followed(replica_root, article):
    other = replica_pages(replica_root, "zjsb", "2020-12-23", "node_*.htm")[0]
    with FaultServer(replica_root, {"/moved.htm": Fault("redirect_off_host")}) as server:
        server.faults["/moved.htm"] = Fault("redirect_off_host", target=server.base_url + other)
        page = _fetcher().get(server.base_url + "/moved.htm")
    assert page.url.endswith("/moved.htm") and "pageLink" in page.text


def test_robots_txt_disallowing_epaper_is_obeyed_and_read_once(replica_root, article):
    with FaultServer(replica_root, {"/robots.txt": Fault("robots_disallow")}) as server:
        fetcher = _fetcher()
        for _ in range(2):
            with pytest.raises(RobotsDisallowed, match=r"robots.txt of 127.0.0.1:.* disallows"):
                fetcher.get(server.base_url + article)
    assert server.hits[article] == 0 and server.hits["/robots.txt"] == 1


def test_unreachable_robots_txt_stops_the_host(replica_root, article):
    server, _ = _fails(
        replica_root, "/robots.txt", Fault("http_500"), RobotsDisallowed, "answered HTTP 500"
    )
    assert server.hits["/robots.txt"] == 3  # retried like any request first


def test_crawl_delay_raises_the_per_host_delay(tmp_path):
    (tmp_path / "robots.txt").write_text("User-agent: *\nCrawl-delay: 1\nDisallow: /private/\n")
    (tmp_path / "a.htm").write_text("<p>ok</p>")
    with FaultServer(tmp_path) as server:
        fetcher = _fetcher()
        fetcher.get(server.base_url + "/a.htm")
        assert fetcher.host_delay("127.0.0.1") == 1.0  # urllib.robotparser reads whole seconds
        with pytest.raises(RobotsDisallowed):
            fetcher.get(server.base_url + "/private/b.htm")


def test_a_missing_page_is_not_found(replica_root, article):
    _fails(replica_root, article, Fault("missing"), NotFound, "content_")


def test_links_moved_into_an_unknown_element_are_drift(replica_root):
    from tasks.core.models import PageRef

    node = replica_pages(replica_root, "zjsb", "2020-12-23", "node_*.htm")[0]
    page, _ = _get(replica_root, node, Fault("markup_drift"))
    ref = PageRef("zjsb", None, "A01", "要闻", page.url)  # type: ignore[arg-type]
    with pytest.raises(SiteDriftError, match="no strategy reads a link"):
        parse_page_articles(page.text, ref)


def test_urls_from_pages_must_be_on_allowed_hosts():
    fetcher = _fetcher()
    assert fetcher.check_url("http://127.0.0.1:9/x.htm")
    with pytest.raises(HostNotAllowed, match=r"evil\.example"):
        fetcher.check_url("http://evil.example/epaper/zjsb/content_1.htm")
    with pytest.raises(HostNotAllowed):
        fetcher.check_url("file:///etc/passwd")
    default = Fetcher("pearl-tests")
    assert {"szb.nanhaitoday.com", "nanhai.fsonline.com.cn"} <= default.allowed_hosts
