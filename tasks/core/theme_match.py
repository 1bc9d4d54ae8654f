"""Tagging sentences with themes by matching keyword tokens and phrases, with exclusions."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from tasks.core.themes import Theme

# Tokens that say nothing about what an article is about, left out of article_terms.
_STOP_TERMS = frozenset(
    [
        "我们",
        "他们",
        "进行",
        "工作",
        "一个",
        "没有",
        "可以",
        "今年",
        "目前",
        "已经",
        "通过",
        "记者",
        "表示",
        "指出",
        "认为",
        "提出",
        "强调",
        "介绍",
        "同时",
        "相关",
        "以及",
        "其中",
        "开展",
        "推进",
        "推动",
        "进一步",
        "全面",
        "不断",
        "有关",
        "这个",
        "这些",
        "那些",
        "因为",
        "所以",
        "如果",
        "还是",
        "就是",
        "也是",
        "不是",
        "一些",
        "自己",
        "大家",
        "现在",
        "以来",
        "之后",
        "之前",
        "方面",
        "问题",
        "要求",
        "希望",
        "表明",
        "随后",
        "此外",
        "对此",
    ]
)
_TERM = re.compile(r"^[\u4e00-\u9fff][\u4e00-\u9fffA-Za-z0-9]+$")


def _phrase(text: str) -> tuple[str, ...]:
    return tuple(text.split())


class ThemeMatcher:
    """Matches the taxonomy against the tokens of a sentence."""

    def __init__(self, themes: Sequence[Theme]) -> None:
        self.single: dict[str, list[tuple[str, str]]] = defaultdict(list)
        self.phrases: list[tuple[tuple[str, ...], str, str]] = []
        self.exclusions: dict[str, list[tuple[str, ...]]] = {}
        for theme in themes:
            for keyword in theme.keywords:
                words = _phrase(keyword)
                if len(words) == 1:
                    self.single[words[0]].append((theme.theme_id, keyword))
                else:
                    self.phrases.append((words, theme.theme_id, keyword))
            self.exclusions[theme.theme_id] = [_phrase(e) for e in theme.exclude]

    @staticmethod
    def _contains(tokens: Sequence[str], words: tuple[str, ...]) -> bool:
        n = len(words)
        return any(tuple(tokens[i : i + n]) == words for i in range(len(tokens) - n + 1))

    def match(self, tokens: Sequence[str]) -> dict[str, list[str]]:
        """theme_id → the keywords found in this sentence (an excluded theme is left out)."""
        found: dict[str, list[str]] = defaultdict(list)
        for token in tokens:
            for theme_id, keyword in self.single.get(token, ()):
                if keyword not in found[theme_id]:
                    found[theme_id].append(keyword)
        for words, theme_id, keyword in self.phrases:
            if self._contains(tokens, words):
                found[theme_id].append(keyword)
        return {
            theme_id: keywords
            for theme_id, keywords in found.items()
            if keywords
            and not any(self._contains(tokens, ex) for ex in self.exclusions.get(theme_id, ()))
        }


def article_terms(token_lists: Sequence[Sequence[str]]) -> dict[str, int]:
    """Content words of an article and how often they occur (for the emerging-terms view)."""
    counts: dict[str, int] = defaultdict(int)
    for tokens in token_lists:
        for token in tokens:
            if _TERM.match(token) and token not in _STOP_TERMS:
                counts[token] += 1
    return dict(counts)
