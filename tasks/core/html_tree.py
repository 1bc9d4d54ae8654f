"""The parsed page behind the site adapter's strategies.

lxml's own tree: the same libxml2 parse BeautifulSoup's "lxml" builder runs, without building
BeautifulSoup's Python tree on top (about 20× faster per page). CSS selectors are compiled to
XPath once; text is joined the way BeautifulSoup's get_text joins it (comments, scripts and
styles left out), so every field comes out as before. BeautifulSoup stays as the tolerant
path: a document libxml2 refuses is parsed by BeautifulSoup into the same kind of tree
(lxml.html.soupparser).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from cssselect import HTMLTranslator
from lxml import etree, html
from lxml.etree import ParserError

_SKIPPED = frozenset({"script", "style", "template"})


def parse(markup: str) -> html.HtmlElement:
    """The root element of a page or fragment; never raises on bad markup."""
    try:
        return html.document_fromstring(markup)
    except (ParserError, ValueError):  # empty, or a declaration libxml2 will not take from str
        from lxml.html import soupparser

        return soupparser.fromstring(markup)


@cache
def _compiled(selector: str, include_self: bool) -> etree.XPath:
    prefix = "descendant-or-self::" if include_self else "descendant::"
    return etree.XPath(HTMLTranslator().css_to_xpath(selector, prefix=prefix))


def select(node: html.HtmlElement, selector: str) -> list[html.HtmlElement]:
    """Elements matching a CSS selector, in document order: below `node`, or anywhere in the
    document when `node` is its root."""
    return _compiled(selector, node.getparent() is None)(node)


def select_one(node: html.HtmlElement, selector: str) -> html.HtmlElement | None:
    found = select(node, selector)
    return found[0] if found else None


def _strings(node: html.HtmlElement) -> Iterator[str]:
    if node.tag in _SKIPPED:
        return
    if node.text:
        yield node.text
    for child in node:
        if isinstance(child.tag, str):  # comments and processing instructions have no name
            yield from _strings(child)
        if child.tail:
            yield child.tail


def text(node: html.HtmlElement | None, separator: str = "", strip: bool = False) -> str:
    """BeautifulSoup's get_text(separator, strip=strip) of the element ('' for None)."""
    if node is None:
        return ""
    if not strip:
        return separator.join(_strings(node))
    return separator.join(s.strip() for s in _strings(node) if s.strip())


def inside(node: html.HtmlElement, tag: str) -> bool:
    """Whether the element is, contains or sits inside a `tag` element."""
    return (
        node.tag == tag
        or next(node.iterdescendants(tag), None) is not None
        or (next(node.iterancestors(tag), None) is not None)
    )
