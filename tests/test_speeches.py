"""Speech extraction: the seed article in full, and the patterns it stands for on new text."""

from __future__ import annotations

from tasks.core.clean import clean_paragraphs, clean_plain_text
from tasks.core.scoring import score_speeches
from tasks.core.speeches import extract_speeches


def _speeches(*paragraphs: str):
    return extract_speeches(clean_paragraphs(list(paragraphs)).paragraphs)


def test_seed_article_is_complete(seed_text, seed_gold):
    clean = clean_plain_text(seed_text)
    found = extract_speeches(clean.paragraphs)
    score, title_accuracy = score_speeches(seed_gold["speeches"], found)
    assert score.recall == 1.0 and score.precision == 1.0
    assert title_accuracy == 1.0
    kinds = {(s.speaker, s.text[:8]): (s.verb, s.kind) for s in found}
    for g in seed_gold["speeches"]:
        assert kinds[(g["speaker"], g["text_start"])] == (g["verb"], g["kind"])
    assert all(clean.content[s.start : s.end] == s.text for s in found)


def test_quote_then_attribution_with_a_reported_tail():
    (direct, reported) = _speeches(
        "“园区改造不能零敲碎打。”九江镇党委副书记、镇长邓静怡表示，要坚持连片改造。"
    )
    assert (direct.speaker, direct.title, direct.kind, direct.text) == (
        "邓静怡",
        "九江镇党委副书记、镇长",
        "direct",
        "园区改造不能零敲碎打。",
    )
    assert direct.organization == "九江镇"
    assert (reported.kind, reported.text) == ("indirect", "要坚持连片改造。")


def test_attribution_then_colon_quote():
    (sp,) = _speeches("南海区科学技术局局长叶思远强调：“没有核心技术，企业就只能跟在别人后面跑。”")
    assert (sp.speaker, sp.verb, sp.kind) == ("叶思远", "强调", "direct")
    assert sp.text.startswith("没有核心技术")


def test_pronoun_and_short_form_resolve_to_the_earlier_speaker():
    sps = _speeches(
        "里水镇党委书记罗建新指出，治水要坚持源头治理。她还强调，每条河涌都要有人管。",
        "罗书记最后表示，今年要完成雨污分流管网建设。",
    )
    assert [s.speaker for s in sps] == ["罗建新"] * 3
    assert [s.resolved_from for s in sps] == ["", "她", "罗书记"]
    assert all(s.title == "里水镇党委书记" for s in sps)


def test_frames_and_role_only_speakers():
    sps = _speeches(
        "据南海区住房城乡建设和水利局相关负责人介绍，下一步将推进3个连片改造项目。",
        "广东瀚海智能装备有限公司董事长周志鹏在接受采访时表示，企业每年加大研发投入。",
        "“以前办证要跑好几趟，现在在家就能办。”市民董先生说。",
    )
    assert [(s.speaker, s.verb, s.kind) for s in sps] == [
        ("相关负责人", "介绍", "indirect"),
        ("周志鹏", "表示", "indirect"),
        ("董先生", "说", "direct"),
    ]
    assert sps[0].title == "南海区住房城乡建设和水利局相关负责人"
    assert sps[2].title == "市民"


def test_statements_of_bodies_and_slogans_are_not_speeches():
    assert _speeches("会议指出，村级工业园改造是高质量发展的关键一招。") == []
    assert _speeches("大会提出“强二优三”发展战略，推动“腾笼换鸟”。") == []
    assert _speeches("这部小说的名称叫《春天》，听说很受欢迎。") == []


def test_quote_continuing_in_the_next_paragraph_keeps_its_speaker():
    sps = _speeches(
        "丹灶镇党委书记梁嘉伟说，村改要算长远账。",
        "“改造之后，每亩产值翻了几番，村民的分红也多了。”",
    )
    assert [(s.speaker, s.kind) for s in sps] == [("梁嘉伟", "indirect"), ("梁嘉伟", "direct")]
