"""The site adapter on every known template: page lists, article links with suffixes, each field
by its named strategy, picture pages, drift and implausible pages. Markup is written here in
the shapes the site notes describe; text is our own."""

from __future__ import annotations

import re
from datetime import date

import pytest

from tasks.core import site
from tasks.core.models import ArticleRef, PageRef
from tasks.core.parse import (
    BadDateline,
    EmptyBody,
    ImplausibleArticle,
    ParseError,
    SiteDriftError,
    check_issue_coverage,
    parse_article,
    parse_issue_pages,
    parse_page_articles,
)

DAY = date(2020, 12, 23)
DIR = "http://szb.nanhaitoday.com/epaper/zjsb/html/2020-12/23/"
ARTICLE = DIR + "content_401862.htm"
PAGE = PageRef("zjsb", DAY, "A02", "要闻", DIR + "node_188.htm")

CLASSIC_PAGE = """<HTML><HEAD><META http-equiv=Content-Type content="text/html; charset=gb2312"></HEAD>
<BODY><a href=node_187.htm>返回头版</a>
<div id=menu style="display:none"><a id=pageLink href=node_187.htm>A01： 头版</a>
<a id=pageLink href=node_188.htm>A02： 要闻</a></div>
<TABLE><TR><TD><a id=pageLink href=node_187.htm>第A01版：头版</a></TD></TR>
<TR><TD><a id=pageLink href=node_188.htm>第A02版：<STRONG>要闻</STRONG></a></TD></TR></TABLE>
<IMG src=../../../res/A02.jpg useMap=#pagepicmap><map name=pagepicmap>
<area shape=polygon coords="1,2,3,4" href=content_401862.htm#article>
<area shape=polygon coords="5,6,7,8" href=content_401863.htm#article></map>
<TABLE><TR><TD><a href=content_401862.htm?div=-1><div style="display:inline" id=mp401862>桂城夜市开张</div></a></TD></TR>
<TR><TD><a href=content_401863.htm?div=-1><div style="display:inline" id=mp401863>河涌整治见成效</div></a></TD></TR></TABLE>
<!--enpproperty <founder-date>2020-12-23 23:59:57</founder-date><founder-pagenum>A02</founder-pagenum><founder-type>2</founder-type> /enpproperty-->
</BODY></HTML>"""

RESPONSIVE_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>
<div class="swiper-container"><div class="swiper-wrapper">
<div class="swiper-slide"><a id="pageLink" href="node_1331.htm">第A01版：要闻</a></div>
<div class="swiper-slide"><a id="pageLink" href="node_1332.htm">第A02版：经济</a></div></div></div>
<div class="paper-pic"><img src="a.jpg" usemap="#pagepicmap"><map name="pagepicmap"></map></div>
<ul class="news-list"><li><a href="content_77.htm">新车站动工</a></li><li><a href="content_78.htm">社区开设课堂</a></li></ul>
</body></html>"""

CLASSIC_ARTICLE = """<HTML><BODY><TABLE><TR><TD>2020 年 12 月 23 日 星期三</TD></TR></TABLE>
<TABLE><TR><TD class=px12>第A02版：<STRONG>要闻</STRONG></TD></TR></TABLE>
<TABLE><TR><TD class=font02>夜经济再添一处好去处</TD></TR>
<TR><TD class=font01><founder-title>桂城夜市开张</founder-title></TD></TR>
<TR><TD class=font02>首批六十个摊位迎客</TD></TR></TABLE>
<div id=ozoom><founder-content><!--enpcontent--><P>夜市昨晚开张，街坊纷纷前来。</P>
<P>摊主说生意比预想的好。</P><!--/enpcontent--></founder-content></div>
<founder-author>本报记者</founder-author>
<!--enpproperty <founder-date>2020-12-23 23:59:57</founder-date><founder-pagenum>A02</founder-pagenum><founder-papername>珠江时报</founder-papername><founder-title>桂城夜市开张</founder-title><founder-subtitle>首批六十个摊位迎客</founder-subtitle><founder-author>本报记者</founder-author><founder-keyword></founder-keyword><founder-type>1</founder-type> /enpproperty-->
</BODY></HTML>"""

RESPONSIVE_ARTICLE = """<!DOCTYPE html><html><body><div class="article">
<h3>交通</h3><h1>新车站动工</h1><h2>预计两年后通车</h2>
<p class="sec">2021年01月05日 | 第A03版：深度</p>
<div id="ozoom"><p>新车站今天动工。</p><p>建成后往返广州更方便。</p></div></div></body></html>"""

CMS_ARTICLE = """<html><body><table><tr><td>2020 年 12 月 23 日</td></tr></table>
<table><tr><td>第03版：<STRONG>民生</STRONG></td></tr></table>
<div id=articleContent><!--enpcontent--><p>社区开设了书法课堂。</p><p>报名的老人很多。</p><!--/enpcontent--></div>
<!--enpproperty <articleid>1234</articleid><date>2020-12-23 08:00:00</date><author>通讯员</author><title>社区开设课堂</title><keyword></keyword><subtitle>老人学书法</subtitle><introtitle>文化进社区</introtitle><nodename>民生</nodename> /enpproperty-->
</body></html>"""


def test_classic_page_list_merges_the_two_copies_and_keeps_the_long_label():
    pages = parse_issue_pages(CLASSIC_PAGE, PAGE.url, "zjsb", DAY)
    assert [(p.page_no, p.page_name, p.url) for p in pages] == [
        ("A01", "头版", DIR + "node_187.htm"),
        ("A02", "要闻", DIR + "node_188.htm"),
    ]


def test_page_links_need_a_label_or_the_id_in_any_case():
    html = (
        '<a href="node_5.htm">返回头版</a><a id="PageLink" href="node_5.htm">头版</a>'
        '<a href="node_6.htm?x=1">第A02版：经济</a>'
    )
    pages = parse_issue_pages(html, PAGE.url, "zjsb", DAY)
    assert [(p.page_no, p.url) for p in pages] == [
        ("", DIR + "node_5.htm"),
        ("A02", DIR + "node_6.htm"),
    ]


def test_responsive_page_list_and_news_list():
    pages = parse_issue_pages(RESPONSIVE_PAGE, DIR + "node_1331.htm", "zjsb", DAY)
    assert [(p.page_no, p.page_name) for p in pages] == [("A01", "要闻"), ("A02", "经济")]
    refs = parse_page_articles(RESPONSIVE_PAGE, pages[0])
    assert [(r.url.rsplit("/", 1)[1], r.title) for r in refs] == [
        ("content_77.htm", "新车站动工"),
        ("content_78.htm", "社区开设课堂"),
    ]


def test_article_links_from_table_and_image_map_merge_without_their_suffixes():
    refs = parse_page_articles(CLASSIC_PAGE, PAGE)
    assert [(r.url, r.title, r.page_no) for r in refs] == [
        (DIR + "content_401862.htm", "桂城夜市开张", "A02"),
        (DIR + "content_401863.htm", "河涌整治见成效", "A02"),
    ]


def test_classic_article_every_field_and_its_strategy():
    art = parse_article(CLASSIC_ARTICLE, ARTICLE)
    assert (art.kicker, art.title, art.subtitle, art.author) == (
        "夜经济再添一处好去处",
        "桂城夜市开张",
        "首批六十个摊位迎客",
        "本报记者",
    )
    assert (art.page_no, art.dateline, art.template) == ("A02", DAY, "classic")
    assert art.paragraphs == ["夜市昨晚开张，街坊纷纷前来。", "摊主说生意比预想的好。"]
    assert art.strategies == {
        "date": "article URL",
        "title": "founder-title",
        "body": "founder-content",
        "kicker": "classic td.font02 above the title",
        "subtitle": "enpproperty founder-subtitle",
        "author": "founder-author",
        "dateline": "enpproperty founder-date",
        "page": "enpproperty founder-pagenum",
    }


def test_page_comes_from_the_link_first():
    ref = ArticleRef(ARTICLE, "A02", "要闻", "桂城夜市开张")
    art = parse_article(CLASSIC_ARTICLE, ARTICLE, ref)
    assert (art.page_no, art.page_name, art.strategies["page"]) == (
        "A02",
        "要闻",
        "page the link came from",
    )


def test_classic_article_without_comment_uses_cells_spaced_date_and_strong_label():
    bare = CLASSIC_ARTICLE[: CLASSIC_ARTICLE.index("<!--enpproperty")]
    art = parse_article(bare, ARTICLE)
    assert (art.subtitle, art.strategies["subtitle"]) == (
        "首批六十个摊位迎客",
        "classic td.font02 below the title",
    )
    assert (art.dateline, art.strategies["dateline"]) == (DAY, "first dated table cell")
    assert (art.page_no, art.page_name, art.strategies["page"]) == (
        "A02",
        "要闻",
        "page label cell",
    )


def test_responsive_article():
    url = "http://szb.nanhaitoday.com/epaper/zjsb/html/2021-01/05/content_77.htm"
    art = parse_article(RESPONSIVE_ARTICLE, url)
    assert (art.kicker, art.title, art.subtitle) == ("交通", "新车站动工", "预计两年后通车")
    assert (art.page_no, art.page_name, art.dateline) == ("A03", "深度", date(2021, 1, 5))
    assert art.paragraphs == ["新车站今天动工。", "建成后往返广州更方便。"]
    assert art.template == "responsive"
    assert art.strategies["title"] == "responsive h1" and art.strategies["body"] == "div#ozoom"


def test_title_and_subtitle_only_in_the_cms_comment():
    art = parse_article(CMS_ARTICLE, ARTICLE)
    assert (art.kicker, art.title, art.subtitle, art.author) == (
        "文化进社区",
        "社区开设课堂",
        "老人学书法",
        "通讯员",
    )
    assert (art.page_no, art.page_name, art.dateline) == ("03", "民生", DAY)
    assert art.paragraphs == ["社区开设了书法课堂。", "报名的老人很多。"]
    assert art.template == "cms-comment"
    assert art.strategies["title"] == "enpproperty title (CMS form)"
    assert art.strategies["body"] == "enpcontent block"


def test_a_picture_page_says_so_in_its_markup():
    html = '<div class="paper-pic"><img src="a.jpg" usemap="#m"><map name="m"></map></div>'
    assert parse_page_articles(html, PAGE) == []


def test_a_page_whose_links_vanish_fails_naming_the_strategies():
    moved = RESPONSIVE_PAGE.replace('<a href="content_', '<span data-href="content_').replace(
        "</a></li>", "</span></li>"
    )
    with pytest.raises(SiteDriftError) as caught:
        parse_page_articles(moved, PAGE)
    message = str(caught.value)
    assert all(s.name in message for s in site.ARTICLE_LINK_STRATEGIES)
    with pytest.raises(SiteDriftError, match="no page picture"):
        parse_page_articles("<html><body><p>改版了</p></body></html>", PAGE)


def test_an_issue_where_most_pages_have_no_article_is_drift():
    check_issue_coverage("issue", [3, 0, 2, 0])  # half empty: pictures happen
    with pytest.raises(SiteDriftError, match="no articles on 3 of 4 pages"):
        check_issue_coverage("issue", [2, 0, 0, 0])


def test_missing_fields_name_every_strategy_tried():
    with pytest.raises(SiteDriftError) as caught:
        parse_article("<html><body><p>正文</p></body></html>", ARTICLE)
    assert all(s.name in str(caught.value) for s in site.TITLE)
    with pytest.raises(SiteDriftError, match="no page links"):
        parse_issue_pages("<html><body>改版了</body></html>", ARTICLE, "zjsb", DAY)
    with pytest.raises(EmptyBody, match="founder-content"):
        parse_article(
            "<founder-title>标题</founder-title><founder-content> </founder-content>", ARTICLE
        )


def test_malformed_markup_that_swallows_the_page_is_an_implausible_title():
    broken = re.sub(r"</(TD|TR|TABLE|founder-title)>", "", CLASSIC_ARTICLE)  # closing tags lost
    with pytest.raises(ImplausibleArticle, match=r"title of .* characters"):
        parse_article(broken.replace("<P>", "<P>" + "很长的正文。" * 20), ARTICLE)


def test_an_impossible_dateline_is_a_typed_error():
    html = CLASSIC_ARTICLE.replace("2020-12-23 23:59:57", "2020-02-31 23:59:57")
    with pytest.raises(BadDateline, match="impossible date"):
        parse_article(html, ARTICLE)
    with pytest.raises(ParseError, match="impossible date"):
        parse_article(CLASSIC_ARTICLE, DIR.replace("12/23", "02/31") + "content_1.htm")


def test_article_identity_needs_edition_and_date_and_ignores_suffixes():
    key = site.article_key("http://h/epaper/gcsq/html/2021-01/05/content_12.htm?div=-1")
    assert key.article_id == "gcsq:2021-01-05:12"
    with pytest.raises(ValueError, match="ARTICLE_URL"):
        site.article_key("http://h/epaper/gcsq/2021/content_12.htm")
