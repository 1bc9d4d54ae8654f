"""Compose the replica's articles: hand-written ones plus generated ones, seeded and reproducible."""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from tasks.core.replica import blocks

HAND_WRITTEN = Path(__file__).resolve().parent / "articles"
FIRST_MONTH = date(2019, 6, 1)
LAST_MONTH = date(2021, 12, 1)


@dataclass
class ReplicaArticle:
    edition: str
    issue_date: date
    page_no: str
    page_name: str
    kicker: str
    title: str
    subtitle: str
    paragraphs: list[str]  # as printed: bylines, ■ captions, column breaks and all
    theme: str = ""
    picture_only: bool = False
    fault: str = ""  # no_title | empty_body: a page the parser must reject


@dataclass
class ReplicaIssue:
    edition: str
    issue_date: date
    pages: list[tuple[str, str]]
    articles: list[ReplicaArticle] = field(default_factory=list)
    encoding: str = "utf-8"
    declared: str = "utf-8"  # charset named in the page; may be absent or wrong on purpose
    header_charset: bool = True
    fault: str = ""  # no_page_links: the table of contents lost its page links (markup drift)


def _months() -> list[date]:
    months, d = [], FIRST_MONTH
    while d <= LAST_MONTH:
        months.append(d)
        d = (d.replace(day=28) + timedelta(days=4)).replace(day=1)
    return months


def _title_at(careers: list[tuple[str, str]], day: date) -> str:
    current = careers[0][1]
    for since, title in careers:
        if day.strftime("%Y-%m") >= since:
            current = title
    return current


def _theme_weights(day: date) -> dict[str, float]:
    idx = (day.year - 2019) * 12 + day.month - 1
    return {
        theme: base + height * math.exp(-(((idx - peak) / width) ** 2))
        for theme, (peak, width, base, height) in blocks.THEME_CURVES.items()
    }


def figure(name: str, town: str, day: date, rng: random.Random) -> float:
    """One quotation of a recurring figure: its trend at `day` (compound growth from June 2019,
    scaled to the town) with a little noise, rounded as the paper prints it."""
    series = blocks.SERIES[name]
    years = (day - FIRST_MONTH).days / 365.25
    scale = blocks.TOWN_SCALE[town] if series.per_town else 1.0
    value = series.base * scale * (1 + series.growth) ** years * (1 + rng.gauss(0, series.noise))
    if series.ceiling is not None:
        value = min(value, series.ceiling)
    return round(value, series.decimals) if series.decimals else max(1, round(value))


class _ArticleValues(dict):
    """What the placeholders of one article stand for; each figure is drawn once per article,
    so an article never quotes two values of the same figure."""

    def __init__(self, rng: random.Random, town: str, day: date) -> None:
        super().__init__(town=town, date=f"{day.month}月{day.day}日")
        self.rng, self.town, self.day = rng, town, day

    def __missing__(self, name: str) -> str:
        if name == "growth":
            value: float = round(self.rng.uniform(2, 30), 1)
        elif name in blocks.SERIES:
            value = figure(name, self.town, self.day, self.rng)
        else:
            raise KeyError(f"replica block uses an unknown placeholder {{{name}}}")
        self[name] = str(value)
        return self[name]


class _Composer:
    """Writes one generated article; every surface form the paper uses appears at some rate."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.introduced: set[str] = set()  # people already named with their title in this article

    def speech(
        self, day: date, blocks_: dict[str, list[str]], fill: Callable[[str], str]
    ) -> list[str]:
        rng = self.rng
        name, careers, pronoun = rng.choice(blocks.PEOPLE)
        title = _title_at(careers, day)
        who = name if name in self.introduced and rng.random() < 0.7 else f"{title}{name}"
        self.introduced.add(name)
        c1, c2 = (
            fill(c)
            for c in (
                rng.sample(blocks_["indirect"], 2)
                if len(blocks_["indirect"]) > 1
                else blocks_["indirect"] * 2
            )
        )
        q = fill(rng.choice(blocks_["direct"]))
        verb = rng.choice(
            ["表示", "指出", "认为", "强调", "说", "介绍", "坦言", "透露", "建议", "提出"]
        )
        form = rng.randrange(10)
        if form == 0:
            return [f"“{q}”{who}{verb}。"]
        if form == 1:
            return [f"{who}{verb}：“{q}”"]
        if form == 2:
            return [f"“{q}”{who}说，{c1}。"]
        if form == 3:
            return [f"{who}在接受采访时表示，{c1}。"]
        if form == 4:
            return [f"据{who}介绍，{c1}。"]
        if form == 5:
            return [f"{who}{verb}，{c1}。{pronoun}还强调，{c2}。"]
        if form == 6:
            org = rng.choice(blocks.ORGS_FOR_ROLE_ONLY)
            return [f"{org}相关负责人表示，{c1}。"]
        if form == 7:
            role, person = rng.choice(blocks.VILLAGERS)
            return [f"“{q}”{role}{person}说。"]
        if form == 8:
            return [f"{who}{verb}，{c1}。", f"“{q}”"]
        return [f"{who}发言时说，{c1}，{c2}。"]

    def article(self, edition: str, day: date, page: tuple[str, str], theme: str) -> ReplicaArticle:
        rng = self.rng
        b = blocks.THEMES[theme]
        town = rng.choice(blocks.TOWNS)
        values = _ArticleValues(rng, town, day)
        fill = lambda t: t.format_map(values)  # noqa: E731
        paragraphs = [self.byline(day) + fill(rng.choice(b["leads"]))]
        self.introduced = set()
        figures = rng.sample(b["metrics"], len(b["metrics"]))  # each figure sentence once
        for i in range(rng.randint(1, 3)):
            if i and rng.random() < 0.3:
                paragraphs.append(rng.choice(blocks.SUBHEADS))
            paragraphs += self.speech(day, b, fill)
            if figures and rng.random() < 0.7:
                paragraphs.append(fill(figures.pop()))
        if rng.random() < 0.3:
            statement = rng.choice(blocks.ORG_STATEMENTS)
            paragraphs.append(statement.replace("{c}", fill(rng.choice(b["indirect"]))))
        self.add_noise(paragraphs)
        if rng.random() < 0.5:
            paragraphs.insert(
                1, f"■{fill(rng.choice(b['leads'])).rstrip('。')}。{self.credit(day)}"
            )
        return ReplicaArticle(
            edition,
            day,
            page[0],
            page[1],
            rng.choice(b["kickers"]),
            fill(rng.choice(b["titles"])),
            "",
            paragraphs,
            theme=theme,
        )

    def byline(self, day: date) -> str:
        rng = self.rng
        reporters = rng.sample(["邹韵斯", "吴志恒", "黄晴雯", "戴欢婷", "柯凌娜", "刘杭"], 2)
        helper = rng.choice(["李芳毅", "林焕熙", "黎昭映"])
        if rng.random() < 0.3:
            return f"珠江时报讯(记者/{reporters[0]} {reporters[1]} 通讯员/{helper})"
        return f"珠江时报讯(记者/{reporters[0]}通讯员/{helper})"

    def credit(self, day: date) -> str:
        return f"珠江时报记者/{self.rng.choice(['邹韵斯', '廖明璨', '黄晴雯'])}摄"

    def add_noise(self, paragraphs: list[str]) -> None:
        """Column breaks, a repeated paragraph, ASCII punctuation, page references."""
        rng = self.rng
        long = [i for i, p in enumerate(paragraphs) if len(p) > 30]
        if long and rng.random() < 0.4:
            i = rng.choice(long)
            cut = rng.randint(10, len(paragraphs[i]) - 10)
            paragraphs[i : i + 1] = [paragraphs[i][:cut], paragraphs[i][cut:]]
        if rng.random() < 0.08:
            paragraphs.append(paragraphs[rng.randrange(1, len(paragraphs))])
        if rng.random() < 0.12:
            table = str.maketrans({"，": ",", "：": ":", "；": ";"})
            paragraphs[:] = [p.translate(table) for p in paragraphs]
        if rng.random() < 0.05:
            paragraphs[:] = [p.replace("“", "「").replace("”", "」") for p in paragraphs]
        if rng.random() < 0.1:
            paragraphs.append(f"(下转A0{rng.randint(2, 8)}版)")


def read_hand_written(path: Path) -> ReplicaArticle:
    head, _, text = path.read_text(encoding="utf-8").partition("---\n")
    meta = dict(
        line.split(": ", 1) if ": " in line else (line.rstrip(":"), "")
        for line in head.splitlines()
    )
    lines = [line for line in text.splitlines() if line.strip()]
    page_no, page_name = meta["page"].split()
    return ReplicaArticle(
        meta["edition"],
        date.fromisoformat(meta["date"]),
        page_no,
        page_name,
        meta.get("kicker", "").strip(),
        lines[0],
        lines[1],
        lines[2:],
    )


FAULT_DAYS = {
    "broken_article": date(2022, 1, 4),
    "no_articles": date(2022, 1, 5),
    "no_page_links": date(2022, 1, 6),
    "empty_body": date(2022, 1, 7),
}


def fault_issues(seed: int) -> list[ReplicaIssue]:
    """Issues after the normal calendar that exercise failure handling (tests only):
    an article without a title among good ones, an issue without articles, an issue whose
    table of contents lost its page links, and an article with an empty body."""
    composer = _Composer(random.Random(seed + 1))
    issues = []
    for fault, day in FAULT_DAYS.items():
        issue = ReplicaIssue("zjsb", day, blocks.ZJSB_PAGES)
        if fault != "no_articles":
            issue.articles = [
                composer.article("zjsb", day, p, "营商环境") for p in blocks.ZJSB_PAGES[:3]
            ]
        if fault == "broken_article":
            issue.articles[1].fault = "no_title"
        if fault == "empty_body":
            issue.articles[2].fault = "empty_body"
        if fault == "no_page_links":
            issue.fault = "no_page_links"
        issues.append(issue)
    return issues


def build_issues(seed: int = 20201223, faults: bool = False) -> list[ReplicaIssue]:
    """Every issue of the replica, deterministic for a given seed; with `faults`, also the
    fault issues of early January 2022."""
    rng = random.Random(seed)
    composer = _Composer(rng)
    hand = [read_hand_written(p) for p in sorted(HAND_WRITTEN.glob("*.txt"))]
    issues: dict[tuple[str, date], ReplicaIssue] = {}
    for month in _months():
        days = [
            month + timedelta(days=i)
            for i in range(28)
            if (month + timedelta(days=i)).weekday() < 5
        ]
        for edition, count, pages in (
            ("zjsb", 3, blocks.ZJSB_PAGES),
            ("gcsq", 1, blocks.GCSQ_PAGES),
        ):
            for day in sorted(rng.sample(days, count)):
                issues[(edition, day)] = ReplicaIssue(edition, day, pages)
    for art in hand:
        pages = blocks.ZJSB_PAGES if art.edition == "zjsb" else blocks.GCSQ_PAGES
        issues.setdefault(
            (art.edition, art.issue_date), ReplicaIssue(art.edition, art.issue_date, pages)
        )
    for (edition, day), issue in sorted(issues.items()):
        weights = _theme_weights(day)
        themes, w = list(weights), list(weights.values())
        per_issue = rng.randint(4, 6) if edition == "zjsb" else rng.randint(3, 4)
        for i in range(per_issue):
            page = issue.pages[
                min(i, len(issue.pages) - 1) if i < 2 else rng.randrange(len(issue.pages))
            ]
            issue.articles.append(composer.article(edition, day, page, rng.choices(themes, w)[0]))
        if rng.random() < 0.15:
            page = rng.choice(issue.pages)
            issue.articles.append(
                ReplicaArticle(
                    edition,
                    day,
                    page[0],
                    page[1],
                    "",
                    f"p{rng.randint(10, 40)}A{rng.randint(1, 9)}",
                    "",
                    [f"■{rng.choice(blocks.TOWNS)}街头一景。{composer.credit(day)}"],
                    picture_only=True,
                )
            )
        issue.articles += [a for a in hand if (a.edition, a.issue_date) == (edition, day)]
        order = {p[0]: i for i, p in enumerate(issue.pages)}
        issue.articles.sort(key=lambda a: order.get(a.page_no, 99))
        roll = rng.random()
        if roll < 0.2:  # GBK, declared in the page only, as many Chinese sites do
            issue.encoding, issue.declared, issue.header_charset = "gbk", "gb2312", False
        elif roll < 0.25:  # UTF-8 bytes with a wrong gb2312 declaration
            issue.declared, issue.header_charset = "gb2312", False
        elif roll < 0.3:  # declares nothing at all
            issue.declared, issue.header_charset = "", False
    return list(issues.values()) + (fault_issues(seed) if faults else [])
