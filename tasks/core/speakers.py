"""One row per person across articles, with a title history.

The rule: two speeches are by the same person when the names are the same and their titles share
a root (a place of the district such as 桂城 or 南海区, or a named company); a speech with no
title joins the only person of that name, if there is only one. People named by role or with an
honorific (相关负责人, 村民, 李阿姨, 董先生) are never merged across articles.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date
from typing import Any

from tasks.core import lexicon

_COMPANY = re.compile(r"[\u4e00-\u9fff]{2,20}?(?:有限公司|公司|集团|医院|大学|学校)")
_ANONYMOUS = re.compile(
    r"(?:负责人|工作人员|专家|代表|村民|居民|市民|家长|学生|游客|志愿者|党员|网格员|企业主)$"
    r"|^(?:老|小)|(?:先生|女士|小姐|阿姨|叔叔|大爷|大叔|大姐|大妈|阿婆|婆婆|伯伯|师傅|伯|姨|叔|嫂|姐|哥)$"
)


def roots(title: str, organization: str) -> frozenset[str]:
    """What a title is anchored to: places of the district and named companies."""
    text = f"{title} {organization}"
    found = {p.removesuffix("街道").removesuffix("镇") for p in lexicon.places() if p in text}
    found = {p for p in found if not any(p != q and p in q for q in found)}  # 南海区 over 南海
    found |= {m.group(0) for m in _COMPANY.finditer(text)}
    if not found and organization:
        found.add(organization)
    return frozenset(found)


class _Clusters:
    """Union-find over the speeches of one name."""

    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, i: int) -> int:
        while self.parent.setdefault(i, i) != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        self.parent[self.find(a)] = self.find(b)


def build_speakers(
    speeches: list[tuple[str, int, str, str, str, date]],
) -> dict[str, list[dict[str, Any]]]:
    """Rows of speakers, speaker_titles and speech_speakers from (article_id, speech_no, speaker,
    title, organization, issue_date) of every speech."""
    by_name: dict[str, list[int]] = defaultdict(list)
    for i, row in enumerate(speeches):
        by_name[row[2]].append(i)
    owner: dict[int, str] = {}
    for name, idx in by_name.items():
        if _ANONYMOUS.search(name):
            for i in idx:
                owner[i] = f"{name}@{speeches[i][0]}"
            continue
        clusters = _Clusters()
        anchored = [(i, roots(speeches[i][3], speeches[i][4])) for i in idx]
        seen_root: dict[str, int] = {}
        for i, rs in anchored:
            clusters.find(i)
            for r in rs:
                if r in seen_root:
                    clusters.union(i, seen_root[r])
                seen_root[r] = i
        groups = {clusters.find(i) for i, rs in anchored if rs}
        for i, rs in anchored:
            if not rs and len(groups) == 1:
                clusters.union(i, next(iter(groups)))
        members: dict[int, list[int]] = defaultdict(list)
        for i in idx:
            members[clusters.find(i)].append(i)
        for group in members.values():
            counted: dict[str, int] = defaultdict(int)
            for i in group:
                for r in roots(speeches[i][3], speeches[i][4]):
                    counted[r] += 1
            anchor = max(sorted(counted), key=lambda r: counted[r]) if counted else "?"
            for i in group:
                owner[i] = f"{name}@{anchor}"
    return _rows(speeches, owner)


def _rows(speeches: list[tuple], owner: dict[int, str]) -> dict[str, list[dict[str, Any]]]:
    people: dict[str, list[int]] = defaultdict(list)
    for i, sid in owner.items():
        people[sid].append(i)
    speakers, titles = [], []
    for sid, idx in sorted(people.items()):
        dates = [speeches[i][5] for i in idx]
        speakers.append(
            {
                "speaker_id": sid,
                "name": speeches[idx[0]][2],
                "titles": sorted({speeches[i][3] for i in idx if speeches[i][3]}),
                "organizations": sorted({speeches[i][4] for i in idx if speeches[i][4]}),
                "first_seen": min(dates),
                "last_seen": max(dates),
                "speeches": len(idx),
                "articles": len({speeches[i][0] for i in idx}),
            }
        )
        by_title: dict[str, list[date]] = defaultdict(list)
        for i in idx:
            if speeches[i][3]:
                by_title[speeches[i][3]].append(speeches[i][5])
        titles += [
            {
                "speaker_id": sid,
                "title": t,
                "first_seen": min(d),
                "last_seen": max(d),
                "speeches": len(d),
            }
            for t, d in sorted(by_title.items())
        ]
    links = [
        {"article_id": speeches[i][0], "speech_no": speeches[i][1], "speaker_id": sid}
        for i, sid in sorted(owner.items())
    ]
    return {"speakers": speakers, "speaker_titles": titles, "speech_speakers": links}


def update(con: Any, article_ids: list[str] | None = None) -> int:
    """Recompute the people of the names speaking in `article_ids` (every name when None), in
    one transaction; returns the number of people recomputed. Identity is decided per name, so
    the people of other names cannot change: a daily run costs what its batch holds, not what
    history holds."""
    import pyarrow as pa

    from tasks.core import store

    ids = pa.table({"article_id": pa.array(article_ids or [], pa.string())})
    con.register("b_article_ids", ids)
    try:
        found = con.execute(
            store.sql("queries/speaker_names"), {"all": article_ids is None}
        ).fetchall()
    finally:
        con.unregister("b_article_ids")
    names = pa.table({"name": pa.array([n for (n,) in found], pa.string())})
    con.register("b_names", names)
    try:
        speeches = con.execute(store.sql("queries/speeches_for_speakers")).fetchall()
    finally:
        con.unregister("b_names")
    rows = build_speakers(speeches)
    store.load_registered(
        con,
        store.sql("load/replace_speakers"),
        b_names=names,
        b_speakers=store.arrow(con, "speakers", rows["speakers"]),
        b_speaker_titles=store.arrow(con, "speaker_titles", rows["speaker_titles"]),
        b_speech_speakers=store.arrow(con, "speech_speakers", rows["speech_speakers"]),
    )
    return len(rows["speakers"])


def rebuild(con: Any) -> int:
    """Recompute every person from every stored speech (reprocess; and the reference the
    incremental update is tested against); returns the number of people."""
    return update(con, None)
