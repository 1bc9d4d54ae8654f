"""Render replica issues in the shapes sister papers on the same Founder e-paper software show
(site notes, "The e-paper software"), switching template at a redesign date as real sites do:

- classic: the Founder table layout, attributes unquoted, the page list twice (a hidden short
  menu and the visible long labels), articles in an unnamed table and in the page picture's
  image map, links with ?div=-1 and #article, a spaced date, a trailing enpproperty comment;
- cms-comment: an older layout whose title, kicker and subtitle exist only in the trailing
  comment of the vendor's CMS form, body in an <!--enpcontent--> block in div#articleContent;
- responsive: div.swiper-slide a#pageLink, ul.news-list, div.article h3/h1/h2, p.sec.

The front page is not node_1: each template has its own node numbers, so the front page's node
changes at the redesign. Each edition has index.htm (meta refresh to the newest issue), each
month a period.xml, the site a robots.txt. The articles themselves come from generate.py.
"""

from __future__ import annotations

import html
import json
import random
import shutil
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from tasks.core import site
from tasks.core.replica.generate import ReplicaArticle, ReplicaIssue, build_issues

HEADERS_FILE = "_headers.json"
REDESIGN = date(2021, 1, 1)  # every edition moves to the responsive template on this date
# Front-page node per (edition, template); a page's node is the front's plus its position.
FRONT_NODES = {
    ("zjsb", "classic"): 187,
    ("gcsq", "cms-comment"): 121,
    ("zjsb", "responsive"): 1331,
    ("gcsq", "responsive"): 16577,
}
ROBOTS_TXT = "User-agent: *\nDisallow: /admin/\nDisallow: /search/\n"
_WEEKDAYS = "一二三四五六日"

_CHROME_TOP = """<div class="header"><a href="http://www.nanhaitoday.com/">南海新闻网首页</a>
<a href="#">南海</a> <a href="#">镇街</a> <a href="#">政策</a> <a href="#">文化</a> <a href="#">专题</a>
<a href="#">直播</a> <a href="#">视觉南海</a> <a href="#">更多</a></div>
<div class="menu">微信头条 · 信息发布 · 经济 · 情报站 · 音视频 · 活动 · 公告</div>"""
_FOOTER = '<div class="footer">珠江时报社版权所有 未经书面授权不得复制或建立镜像</div>'


def template_for(edition: str, day: date) -> str:
    if day >= REDESIGN:
        return "responsive"
    return "classic" if edition == "zjsb" else "cms-comment"


@dataclass
class _Issue:
    """An issue as laid out on the site: its pages (those with articles), nodes and counters."""

    issue: ReplicaIssue
    template: str
    pages: list[tuple[str, str]]
    front: int
    seqs: dict[int, int]

    def node(self, page_no: str) -> str:
        k = next(i for i, p in enumerate(self.pages) if p[0] == page_no)
        return f"node_{self.front + k}.htm"

    def on_page(self, page_no: str) -> list[tuple[int, ReplicaArticle]]:
        return [(i, a) for i, a in enumerate(self.issue.articles) if a.page_no == page_no]


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def _long_label(page_no: str, name: str) -> str:
    return f"第{page_no}版：{name}"


def _spaced_date(d: date) -> str:
    return f"{d.year} 年 {d.month} 月 {d.day} 日 星期{_WEEKDAYS[d.weekday()]}"


def _head(lay: _Issue, title: str) -> str:
    issue = lay.issue
    if lay.template == "responsive":
        meta = f'<meta charset="{issue.declared}">' if issue.declared else ""
        return (
            f'<!DOCTYPE html>\n<html lang="zh-CN"><head>{meta}<meta name="viewport" '
            f'content="width=device-width, initial-scale=1"><title>{_esc(title)}</title></head>'
            "<body>\n"
        )
    meta = (
        f'<META http-equiv=Content-Type content="text/html; charset={issue.declared}">'
        if issue.declared
        else ""
    )
    return f"<HTML><HEAD>{meta}<TITLE>{_esc(title)}</TITLE></HEAD>\n<BODY>\n"


def _page_property(lay: _Issue, page_no: str) -> str:
    d = lay.issue.issue_date
    return (
        f"<!--enpproperty <founder-date>{d.isoformat()} 23:59:57</founder-date>"
        f"<founder-pagenum>{page_no}</founder-pagenum><founder-papername>"
        f"{site.EDITIONS.get(lay.issue.edition, '')}</founder-papername>"
        "<founder-type>2</founder-type> /enpproperty-->"
    )


# ---- page lists --------------------------------------------------------------------------------


def _page_list(lay: _Issue) -> str:
    if lay.issue.fault == "no_page_links":  # drift: the page list lost its links
        items = "".join(
            f'<li class="page-item" data-node="{lay.node(no)}">{_long_label(no, name)}</li>'
            for no, name in lay.pages
        )
        return f'<ul class="page-list">{items}</ul>'
    if lay.template == "responsive":
        slides = "".join(
            f'<div class="swiper-slide"><a id="pageLink" href="{lay.node(no)}">'
            f"{_long_label(no, name)}</a></div>"
            for no, name in lay.pages
        )
        return f'<div class="swiper-container"><div class="swiper-wrapper">{slides}</div></div>'
    link_id = "pageLink" if lay.template == "classic" else "PageLink"
    short = "".join(
        f"<a id={link_id} href={lay.node(no)}>{no}： {name}</a> " for no, name in lay.pages
    )
    rows = "".join(
        f"<TR><TD class=px12><a id={link_id} href={lay.node(no)}>"
        f"{_long_label(no, name)}</a></TD></TR>"
        for no, name in lay.pages
    )
    return (
        f'<div id=menu style="display:none">{short}</div>\n'
        f"<TABLE cellSpacing=0 cellPadding=0 width=100% border=0>{rows}</TABLE>"
    )


def _image_map(lay: _Issue, page_no: str, suffix: str) -> str:
    areas = "".join(
        f'<area shape=polygon coords="{20 + 5 * i},{30 + 40 * i},300,{30 + 40 * i},300,'
        f'{60 + 40 * i}" href=content_{lay.seqs[i]}.htm{suffix}>'
        for i, _ in lay.on_page(page_no)
    )
    return f"<map name=pagepicmap>{areas}</map>"


def render_page_index(lay: _Issue, page_no: str, name: str) -> str:
    d = lay.issue.issue_date
    front = lay.node(lay.pages[0][0])
    title = f"珠江时报数字报-{_long_label(page_no, name)}"
    if lay.template == "responsive":
        items = "".join(
            f'<li><a href="content_{lay.seqs[i]}.htm">{_esc(a.title)}</a></li>'
            for i, a in lay.on_page(page_no)
        )
        return (
            _head(lay, title)
            + _CHROME_TOP
            + f'\n<div class="paper-top"><span class="date">{d.year}年{d.month:02d}月'
            f'{d.day:02d}日 星期{_WEEKDAYS[d.weekday()]}</span> <a href="{front}">返回头版</a></div>\n'
            + _page_list(lay)
            + f'\n<div class="paper-pic"><img src="../../../res/{page_no}.jpg" '
            f'usemap="#pagepicmap">{_image_map(lay, page_no, "")}</div>\n'
            + f'<ul class="news-list">{items}</ul>\n'
            + _FOOTER
            + "\n</body></html>"
        )
    suffix = "?div=-1" if lay.template == "classic" else "#article"
    items = "".join(
        f'<TR><TD><a href=content_{lay.seqs[i]}.htm{suffix}><div style="display:inline" '
        f"id=mp{lay.seqs[i]}>{_esc(a.title)}</div></a></TD></TR>"
        for i, a in lay.on_page(page_no)
    )
    return (
        _head(lay, title)
        + _CHROME_TOP
        + f"\n<TABLE class=bar><TR><TD>珠江时报数字报 - 南海新闻网</TD><TD>{_spaced_date(d)}</TD>"
        f"<TD><a href={front}>返回头版</a></TD></TR></TABLE>\n"
        + "<TABLE width=100%><TR><TD vAlign=top>"
        + f"<IMG src=../../../res/{page_no}.jpg useMap=#pagepicmap border=0>"
        + _image_map(lay, page_no, "#article" if lay.template == "classic" else "")
        + "</TD><TD vAlign=top>\n"
        + _page_list(lay)
        + f"\n<TABLE cellSpacing=0 cellPadding=0 width=100%>{items}</TABLE>"
        + "</TD></TR></TABLE>\n"
        + _FOOTER
        + _page_property(lay, page_no)
        + "\n</BODY></HTML>"
    )


# ---- articles ---------------------------------------------------------------------------------


def _toc(lay: _Issue) -> str:
    """The issue's table of contents (标题导航) shown on article pages."""
    parts = ['<div id="toc">']
    for no, name in lay.pages:
        links = "".join(
            f"<li><a href=content_{lay.seqs[i]}.htm#article>{_esc(a.title)}</a></li>"
            for i, a in lay.on_page(no)
        )
        parts.append(
            f"<div><a href={lay.node(no)}>{_long_label(no, name)}</a><ul>{links}</ul></div>"
        )
    return "".join(parts) + "</div>"


def _paragraphs(art: ReplicaArticle, tag: str) -> str:
    if art.fault == "empty_body":
        return ""
    return "\n".join(f"<{tag}>{_esc(p)}</{tag}>" for p in art.paragraphs)


def _nav(lay: _Issue, i: int) -> str:
    prev_link = f"<a href=content_{lay.seqs[i - 1]}.htm>上一篇</a>" if i > 0 else ""
    last = i + 1 >= len(lay.issue.articles)
    next_link = "" if last else f"<a href=content_{lay.seqs[i + 1]}.htm>下一篇</a>"
    return f'<div class="nav"><a href=../../../../index.htm>数字报首页</a> {prev_link} {next_link}</div>'


def _classic_article(lay: _Issue, i: int, rng: random.Random) -> str:
    art = lay.issue.articles[i]
    d = lay.issue.issue_date
    title = "" if art.fault == "no_title" else _esc(art.title)
    hits = f"<TR><TD class=font03>{rng.randint(50, 9000)}</TD></TR>" if rng.random() < 0.5 else ""
    comment_title = f"<founder-title>{title}</founder-title>" if title else ""
    return (
        _head(lay, f"{art.title}-珠江时报数字报")
        + _CHROME_TOP
        + f"\n<TABLE class=bar><TR><TD>珠江时报数字报 - 南海新闻网</TD><TD>{_spaced_date(d)}</TD></TR></TABLE>\n"
        + _toc(lay)
        + _nav(lay, i)
        + f"\n<TABLE><TR><TD class=px12>第{art.page_no}版：<STRONG>{art.page_name}</STRONG></TD></TR></TABLE>"
        + "\n<TABLE cellSpacing=0 cellPadding=0 width=100% border=0>"
        + f"<TR><TD class=font02 align=center>{_esc(art.kicker)}</TD></TR>"
        + (
            f"<TR><TD class=font01 align=center><founder-title>{title}</founder-title></TD></TR>"
            if title
            else ""
        )
        + f"<TR><TD class=font02 align=center>{_esc(art.subtitle)}</TD></TR>{hits}</TABLE>\n"
        + "<div id=ozoom><founder-content><!--enpcontent-->\n"
        + _paragraphs(art, "P")
        + "\n<!--/enpcontent--></founder-content></div>\n<founder-author></founder-author>\n"
        + _FOOTER
        + f"<!--enpproperty <founder-date>{d.isoformat()} 23:59:57</founder-date>"
        f"<founder-pagenum>{art.page_no}</founder-pagenum><founder-papername>珠江时报</founder-papername>"
        f"{comment_title}<founder-subtitle>{_esc(art.subtitle)}</founder-subtitle>"
        "<founder-author></founder-author><founder-keyword></founder-keyword>"
        "<founder-type>1</founder-type> /enpproperty-->\n</BODY></HTML>"
    )


def _cms_article(lay: _Issue, i: int) -> str:
    art = lay.issue.articles[i]
    d = lay.issue.issue_date
    title = "" if art.fault == "no_title" else f"<title>{_esc(art.title)}</title>"
    return (
        _head(lay, f"{art.title}-珠江时报数字报")
        + _CHROME_TOP
        + f"\n<TABLE class=bar><TR><TD>{_spaced_date(d)}</TD></TR></TABLE>\n"
        + _toc(lay)
        + _nav(lay, i)
        + f"\n<TABLE><TR><TD>第{art.page_no}版：<STRONG>{art.page_name}</STRONG></TD></TR></TABLE>\n"
        + "<div id=articleContent><!--enpcontent-->\n"
        + _paragraphs(art, "p")
        + "\n<!--/enpcontent--></div>\n"
        + _FOOTER
        + f"<!--enpproperty <articleid>{lay.seqs[i]}</articleid><date>{d.isoformat()} 08:00:00</date>"
        f"<author></author>{title}<keyword></keyword><subtitle>{_esc(art.subtitle)}</subtitle>"
        f"<introtitle>{_esc(art.kicker)}</introtitle><siteid>1</siteid>"
        f"<nodeid>{lay.front}</nodeid><nodename>{art.page_name}</nodename> /enpproperty-->\n"
        "</BODY></HTML>"
    )


def _responsive_article(lay: _Issue, i: int) -> str:
    art = lay.issue.articles[i]
    d = lay.issue.issue_date
    heads = "".join(
        f"<{tag}>{_esc(text)}</{tag}>"
        for tag, text in (
            ("h3", art.kicker),
            ("h1", "" if art.fault == "no_title" else art.title),
            ("h2", art.subtitle),
        )
        if text
    )
    return (
        _head(lay, f"{art.title}-珠江时报数字报")
        + _CHROME_TOP
        + "\n"
        + _page_list(lay)
        + _nav(lay, i)
        + f'\n<div class="article">{heads}<p class="sec">{d.year}年{d.month:02d}月{d.day:02d}日'
        f" | 第{art.page_no}版：{art.page_name}</p>\n"
        + '<div id="ozoom">\n'
        + _paragraphs(art, "p")
        + "\n</div></div>\n"
        + _FOOTER
        + "\n</body></html>"
    )


def render_article(lay: _Issue, i: int, rng: random.Random) -> str:
    if lay.template == "classic":
        return _classic_article(lay, i, rng)
    if lay.template == "cms-comment":
        return _cms_article(lay, i)
    return _responsive_article(lay, i)


# ---- site files -------------------------------------------------------------------------------


def _index_htm(target: str) -> str:
    return (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
        f'<meta http-equiv=refresh content="0; URL={target}"></head><body></body></html>'
    )


def _period_xml(entries: list[tuple[date, str]]) -> str:
    body = "".join(
        f'<period id="{n}"><period_name>{d.isoformat()}</period_name>'
        f"<period_date>{d.isoformat()}</period_date><front_page>{front}</front_page></period>\n"
        for n, (d, front) in enumerate(entries, start=1)
    )
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<calendar>\n{body}</calendar>\n'


def _layout(issue: ReplicaIssue, seqs: dict[int, int]) -> _Issue:
    template = template_for(issue.edition, issue.issue_date)
    with_articles = {a.page_no for a in issue.articles}
    pages = [p for p in issue.pages if p[0] in with_articles] or list(issue.pages)
    return _Issue(issue, template, pages, FRONT_NODES[(issue.edition, template)], seqs)


def build_site(root: Path, seed: int = 20201223, faults: bool = False) -> dict[str, int]:
    """Write the replica under `root` (replacing it); returns counts of what was written.
    `faults` adds the failure-handling issues of early January 2022 (for tests)."""
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    rng = random.Random(seed)
    headers: dict[str, str] = {}
    counters: dict[tuple[str, int], int] = {}
    counts = {"issues": 0, "pages": 0, "articles": 0}
    periods: dict[tuple[str, str], list[tuple[date, str]]] = defaultdict(list)
    newest: dict[str, tuple[date, str]] = {}

    def write(rel: str, text: str, encoding: str = "utf-8", content_type: str = "") -> None:
        path = root / rel.strip("/")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode(encoding, errors="xmlcharrefreplace"))
        if content_type:
            headers["/" + rel.strip("/")] = content_type

    for issue in build_issues(seed, faults=faults):
        key = (issue.edition, issue.issue_date.year)
        first = counters.setdefault(key, 1000 + rng.randint(0, 500))
        seqs = {i: first + i for i in range(len(issue.articles))}
        counters[key] = first + len(issue.articles) + rng.randint(0, 3)
        lay = _layout(issue, seqs)
        folder = site.ISSUE_DIR.format(edition=issue.edition, day=issue.issue_date)
        docs = {lay.node(no): render_page_index(lay, no, name) for no, name in lay.pages}
        docs |= {
            f"content_{seqs[i]}.htm": render_article(lay, i, rng)
            for i in range(len(issue.articles))
        }
        content_type = "text/html; charset=utf-8" if issue.header_charset else "text/html"
        for name, text in docs.items():
            write(folder + name, text, issue.encoding, content_type)
        front = lay.node(lay.pages[0][0])
        periods[(issue.edition, f"{issue.issue_date:%Y-%m}")].append((issue.issue_date, front))
        if issue.issue_date >= newest.get(issue.edition, (date.min, ""))[0]:
            newest[issue.edition] = (issue.issue_date, folder + front)
        counts["issues"] += 1
        counts["pages"] += len(lay.pages)
        counts["articles"] += len(issue.articles)
    for (edition, month), entries in periods.items():
        rel = f"/epaper/{edition}/html/{month}/period.xml"
        write(rel, _period_xml(sorted(entries)), content_type="text/xml; charset=utf-8")
    for edition, (_, path) in newest.items():
        root_dir = site.EDITION_ROOT.format(edition=edition)
        write(
            root_dir + "index.htm",
            _index_htm(path.removeprefix(root_dir)),
            content_type="text/html; charset=utf-8",
        )
    write("/robots.txt", ROBOTS_TXT, content_type="text/plain; charset=utf-8")
    (root / HEADERS_FILE).write_text(json.dumps(headers), encoding="utf-8")
    return counts
