"""Render replica issues into the site's file layout and markup (the markup site.py expects)."""

from __future__ import annotations

import html
import json
import random
import shutil
from pathlib import Path

from tasks.core import site
from tasks.core.replica.generate import ReplicaArticle, ReplicaIssue, build_issues

HEADERS_FILE = "_headers.json"

_CHROME_TOP = """<div class="header"><a href="http://www.nanhaitoday.com/">南海新闻网首页</a>
<a href="#">南海</a> <a href="#">镇街</a> <a href="#">政策</a> <a href="#">文化</a> <a href="#">专题</a>
<a href="#">直播</a> <a href="#">视觉南海</a> <a href="#">更多</a></div>
<div class="menu">微信头条 · 信息发布 · 经济 · 情报站 · 音视频 · 活动 · 公告</div>"""
_FOOTER = '<div class="footer">珠江时报社版权所有 未经书面授权不得复制或建立镜像</div>'


def _page_label(page_no: str, name: str) -> str:
    return f"第{page_no}版:{name}"


def _toc(issue: ReplicaIssue, seqs: dict[int, int]) -> str:
    link_id = 'class="page-link"' if issue.fault == "no_page_links" else 'id="pageLink"'
    parts = ['<div id="toc">']
    for k, (page_no, name) in enumerate(issue.pages, start=1):
        parts.append(
            f'<div class="toc-page"><a {link_id} href="node_{k}.htm">{_page_label(page_no, name)}</a><ul>'
        )
        for i, art in enumerate(issue.articles):
            if art.page_no == page_no:
                parts.append(
                    f'<li><a href="content_{seqs[i]}.htm">{html.escape(art.title)}</a></li>'
                )
        parts.append("</ul></div>")
    parts.append("</div>")
    return "\n".join(parts)


def _head(issue: ReplicaIssue, title: str) -> str:
    meta = (
        f'<meta http-equiv="Content-Type" content="text/html; charset={issue.declared}">'
        if issue.declared
        else ""
    )
    return f"<!DOCTYPE html>\n<html><head>{meta}<title>{html.escape(title)}</title></head><body>\n"


def _bar(issue: ReplicaIssue, page_index: int) -> str:
    d = issue.issue_date
    return (
        f'<table class="bar"><tr><td>珠江时报数字报 - 南海新闻网</td><td>{d.year}年{d.month:02d}月{d.day:02d}日</td>'
        f'<td><a href="node_1.htm">返回头版</a> · <a href="node_{page_index}.htm">返回版面</a> · '
        f'<a href="#toc">标题导航</a></td></tr></table>'
    )


def render_page_index(issue: ReplicaIssue, k: int, seqs: dict[int, int]) -> str:
    page_no, name = issue.pages[k - 1]
    items = "\n".join(
        f'<li><a href="content_{seqs[i]}.htm"><div style="display:inline" id="mp{seqs[i]}">{html.escape(a.title)}</div></a></li>'
        for i, a in enumerate(issue.articles)
        if a.page_no == page_no
    )
    return (
        _head(issue, f"珠江时报数字报-{_page_label(page_no, name)}")
        + _CHROME_TOP
        + _bar(issue, k)
        + f'\n<div id="currentPage">{_page_label(page_no, name)}</div>'
        + f'\n<img src="../../../res/{page_no}.jpg" usemap="#PagePicMap"><map name="PagePicMap"></map>'
        + f'\n<div id="titleList"><ul>\n{items}\n</ul></div>\n'
        + _toc(issue, seqs)
        + _FOOTER
        + "</body></html>"
    )


def render_article(issue: ReplicaIssue, i: int, seqs: dict[int, int], rng: random.Random) -> str:
    art: ReplicaArticle = issue.articles[i]
    k = next(n for n, p in enumerate(issue.pages, start=1) if p[0] == art.page_no)
    prev_link = f'<a href="content_{seqs[i - 1]}.htm">上一篇</a>' if i > 0 else ""
    next_link = (
        f'<a href="content_{seqs[i + 1]}.htm">下一篇</a>' if i + 1 < len(issue.articles) else ""
    )
    d = issue.issue_date
    hits = f'<tr><td class="hits">{rng.randint(50, 9000)}</td></tr>' if rng.random() < 0.5 else ""
    body = "\n".join(
        f"<p>{html.escape(p)}</p>" for p in art.paragraphs if art.fault != "empty_body"
    )
    return (
        _head(issue, f"{art.title}-珠江时报数字报")
        + _CHROME_TOP
        + _bar(issue, k)
        + "\n"
        + _toc(issue, seqs)
        + f'\n<div class="nav"><a href="../../../../index.htm">数字报首页</a> {prev_link} {next_link}</div>'
        + f'\n<div id="articlePage">{art.page_no}:{art.page_name}</div>\n<table class="article">'
        + f"<tr><td><founder-introtitle>{html.escape(art.kicker)}</founder-introtitle></td></tr>"
        + (
            f"<tr><td><founder-title>{html.escape(art.title)}</founder-title></td></tr>"
            if art.fault != "no_title"
            else ""
        )
        + f"<tr><td><founder-subtitle>{html.escape(art.subtitle)}</founder-subtitle></td></tr>"
        + f'<tr><td id="articleDate">{d.year}年{d.month:02d}月{d.day:02d}日</td></tr>{hits}'
        + f"<tr><td><founder-content>\n{body}\n</founder-content></td></tr></table>\n"
        + _FOOTER
        + "</body></html>"
    )


def build_site(root: Path, seed: int = 20201223, faults: bool = False) -> dict[str, int]:
    """Write the replica under `root` (replacing it); returns counts of what was written.
    `faults` adds the failure-handling issues of early January 2022 (for tests)."""
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    rng = random.Random(seed)
    headers: dict[str, str] = {}
    counters: dict[str, int] = {}
    counts = {"issues": 0, "pages": 0, "articles": 0}
    for issue in build_issues(seed, faults=faults):
        key = (issue.edition, issue.issue_date.year)
        first = counters.setdefault(key, 1000 + rng.randint(0, 500))
        seqs = {i: first + i for i in range(len(issue.articles))}
        counters[key] = first + len(issue.articles) + rng.randint(0, 3)
        folder = root / site.ISSUE_DIR.format(edition=issue.edition, day=issue.issue_date).strip(
            "/"
        )
        folder.mkdir(parents=True)
        docs = {
            f"node_{k}.htm": render_page_index(issue, k, seqs)
            for k in range(1, len(issue.pages) + 1)
        }
        docs |= {
            f"content_{seqs[i]}.htm": render_article(issue, i, seqs, rng)
            for i in range(len(issue.articles))
        }
        for name, text in docs.items():
            (folder / name).write_bytes(text.encode(issue.encoding, errors="xmlcharrefreplace"))
            rel = "/" + str((folder / name).relative_to(root))
            headers[rel] = "text/html; charset=utf-8" if issue.header_charset else "text/html"
        counts["issues"] += 1
        counts["pages"] += len(issue.pages)
        counts["articles"] += len(issue.articles)
    (root / HEADERS_FILE).write_text(json.dumps(headers), encoding="utf-8")
    return counts
