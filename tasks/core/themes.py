"""The theme taxonomy kept as data (tasks/core/data/themes.yaml)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from tasks.core.settings import DATA_FILES

THEMES_FILE = DATA_FILES / "themes.yaml"


@dataclass(frozen=True)
class Theme:
    theme_id: str
    name: str
    parent: str | None
    description: str
    keywords: tuple[str, ...]
    exclude: tuple[str, ...] = ()


def load_themes(path: Path = THEMES_FILE) -> list[Theme]:
    """Read and check the taxonomy; a malformed entry raises ValueError naming it."""
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    themes = []
    for i, entry in enumerate(entries):
        if not isinstance(entry, dict) or not entry.get("id") or not entry.get("keywords"):
            raise ValueError(f"{path}: entry {i} needs an id and a non-empty keywords list")
        themes.append(
            Theme(
                theme_id=str(entry["id"]),
                name=str(entry.get("name", entry["id"])),
                parent=entry.get("parent"),
                description=str(entry.get("description", "")),
                keywords=tuple(str(k) for k in entry["keywords"]),
                exclude=tuple(str(k) for k in entry.get("exclude") or ()),
            )
        )
    ids = {t.theme_id for t in themes}
    for t in themes:
        if t.parent and t.parent not in ids:
            raise ValueError(f"{path}: theme {t.theme_id} has unknown parent {t.parent}")
    return themes


def all_keywords(themes: list[Theme]) -> list[str]:
    """Every word of every keyword, phrase and exclusion: the tokenizer must keep each whole."""
    return sorted({w for t in themes for k in (*t.keywords, *t.exclude) for w in k.split()})
