"""`pearl extract`: a stable JSON interface."""

from __future__ import annotations

import json

from flows.cli import main
from tests.conftest import SEED_TEXT


def test_extract_prints_speeches_and_metrics_of_the_seed(capsys):
    assert main(["extract", str(SEED_TEXT), "--date", "2020-12-23"]) == 0
    out = json.loads(capsys.readouterr().out)
    text = SEED_TEXT.read_text(encoding="utf-8")
    speakers = {s["speaker"]: s["title"] for s in out["speeches"]}
    assert speakers["岑灼雄"] == "桂城街道党工委书记"
    assert speakers["陈盛博"] == "佛山市自然资源局南海分局桂城管理所所长"
    assert {"伦耀波", "黄少彬", "余辉", "张伟明", "白燕", "陈志垣", "任泳谊"} <= set(speakers)
    for s in out["speeches"]:
        assert {"speaker", "title", "organization", "verb", "kind", "text"} <= set(s)
        assert s["text"].replace("\n", "") in text.replace("\n", "") or s["text"][:6] in text
    metrics = {(m["value"], m["unit"], m["object"]) for m in out["metrics"]}
    assert {
        (23, "栋", "亿元楼"),
        (7, "家", "上市企业"),
        (112, "家", "上市公司"),
        (22, "个", "农村社区"),
        (32, "个", "镇街"),
    } <= metrics
    assert all({"value", "unit", "object", "subject", "text"} <= set(m) for m in out["metrics"])


def test_extract_reports_unreadable_input(tmp_path, capsys):
    bad = tmp_path / "gbk.txt"
    bad.write_bytes("桂城街道".encode("gbk"))
    assert main(["extract", str(bad)]) == 2
    assert "UTF-8" in capsys.readouterr().err
