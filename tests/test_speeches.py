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
    score, titles, errors = score_speeches(seed_gold["speeches"], found)
    assert score.recall == 1.0 and score.precision == 1.0, errors
    assert titles.value == 1.0
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


def test_a_quotation_interrupted_by_its_attribution_is_two_direct_speeches():
    sps = _speeches(
        "“这里一亩地的税收不到1万元，”南海区某街道经济促进办主任何文杰说，“改造后能到30万元。”"
    )
    assert [(s.speaker, s.kind, s.text) for s in sps] == [
        ("何文杰", "direct", "这里一亩地的税收不到1万元"),
        ("何文杰", "direct", "改造后能到30万元。"),
    ]


def test_the_company_behind_a_referring_title_and_a_frame_clause_before_the_speaker():
    sps = _speeches(
        "此次签约的广东华胜新材料有限公司计划投资12亿元。该公司总经理叶明辉说，选择南海是看中产业链。",
        "“服务很到位。”在接受记者采访时，叶明辉如是说。",
    )
    assert sps[0].title == "广东华胜新材料有限公司总经理"
    assert [(s.speaker, s.kind, s.verb) for s in sps] == [
        ("叶明辉", "indirect", "说"),
        ("叶明辉", "direct", "说"),
    ]


def test_a_pronoun_refers_to_the_person_just_named_even_if_they_have_not_spoken():
    sps = _speeches(
        "南海区科学技术局局长叶思远介绍，全区新增研发机构42家。",
        "会上，华南理工大学教授吴伟明作为专家代表发言。他说，南海的产业链很完整。",
    )
    assert [s.speaker for s in sps] == ["叶思远", "吴伟明"]
    assert sps[1].resolved_from == "他" and sps[1].title == "华南理工大学教授"


def test_statements_of_bodies_are_kept_apart():
    from tasks.core.clean import clean_paragraphs
    from tasks.core.speeches import extract_speeches_and_statements

    paras = clean_paragraphs(
        [
            "会议强调，要坚持源头治理。",
            "纲要提出，到2025年研发投入强度达到3.5%。",
            "里水镇表示，将加快建设。",
        ]
    ).paragraphs
    speeches, statements = extract_speeches_and_statements(paras)
    assert speeches == []
    assert [(s.body, s.verb) for s in statements] == [
        ("会议", "强调"),
        ("纲要", "提出"),
        ("里水镇", "表示"),
    ]


def test_a_verb_inside_reported_content_is_content_not_a_new_speech():
    sps = _speeches("大沥镇城建办主任冯晓东介绍，改造后的园区预计可新增产业载体约150万平方米。")
    assert [(s.speaker, s.verb) for s in sps] == [("冯晓东", "介绍")]
