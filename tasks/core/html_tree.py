"""The parsed page behind the site adapter's strategies, with two interchangeable trees.

`lxml` (the default): lxml's own tree, from the same libxml2 parse that BeautifulSoup's "lxml"
builder runs, without BeautifulSoup's Python tree on top (about 20× faster per page); CSS
selectors compiled to XPath once (cssselect); text joined by BeautifulSoup's get_text rules
(comments, scripts and styles left out), so every field comes out as before.

`soup`: BeautifulSoup with soupsieve, as the adapter always parsed. It is the tolerant path (a
document libxml2 refuses to take is read by BeautifulSoup) and the reference the replica test
compares the fast tree with.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from cssselect import HTMLTranslator
from lxml import etree, html
from lxml.etree import ParserError

Node = Any  # an lxml HtmlElement or a BeautifulSoup Tag, according to the tree that made it


class LxmlTree:
    name = "lxml"

    def parse(self, markup: str) -> Node:
        return html.document_fromstring(markup)

    def select(self, node: Node, selector: str) -> list[Node]:
        """Matches below `node`, or anywhere in the document when `node` is its root."""
        return _xpath(selector, node.getparent() is None)(node)

    def text(self, node: Node, separator: str = "", strip: bool = False) -> str:
        if not strip:
            return separator.join(_strings(node))
        return separator.join(s.strip() for s in _strings(node) if s.strip())

    def inside(self, node: Node, tag: str) -> bool:
        return (
            node.tag == tag
            or next(node.iterdescendants(tag), None) is not None
            or next(node.iterancestors(tag), None) is not None
        )


class SoupTree:
    name = "soup"

    def parse(self, markup: str) -> Node:
        from bs4 import BeautifulSoup

        return BeautifulSoup(markup, "lxml")

    def select(self, node: Node, selector: str) -> list[Node]:
        return node.select(selector)

    def text(self, node: Node, separator: str = "", strip: bool = False) -> str:
        return node.get_text(separator, strip=strip)

    def inside(self, node: Node, tag: str) -> bool:
        return bool(node.name == tag or node.find(tag) or node.find_parent(tag))


Tree = LxmlTree | SoupTree
TREES: dict[str, Tree] = {"lxml": LxmlTree(), "soup": SoupTree()}
_default = "lxml"


def use(name: str) -> None:
    """Parse with this tree from now on (the replica test runs both)."""
    global _default
    if name not in TREES:
        raise ValueError(f"unknown HTML tree {name!r}: use one of {sorted(TREES)}")
    _default = name


def parse(markup: str) -> tuple[Tree, Node]:
    """(tree, root) of a page or fragment; markup libxml2 refuses goes to BeautifulSoup."""
    tree = TREES[_default]
    try:
        return tree, tree.parse(markup)
    except (ValueError, ParserError):  # lxml: an empty document, a declaration in a str
        soup = TREES["soup"]
        return soup, soup.parse(markup)


_SKIPPED = frozenset({"script", "style", "template"})


def _strings(node: Node) -> list[str]:
    """The text pieces BeautifulSoup's get_text joins, in document order."""
    out: list[str] = []
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            out.append(item)
            continue
        if item.tag in _SKIPPED:
            continue
        pending: list[Any] = []
        if item.text:
            pending.append(item.text)
        for child in item:
            if isinstance(child.tag, str):  # comments and processing instructions are skipped
                pending.append(child)
            if child.tail:
                pending.append(child.tail)
        stack.extend(reversed(pending))
    return out


@cache
def _xpath(selector: str, include_self: bool) -> Any:
    prefix = "descendant-or-self::" if include_self else "descendant::"
    return etree.XPath(HTMLTranslator().css_to_xpath(selector, prefix=prefix))
