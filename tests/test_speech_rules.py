"""One test per rule or vocabulary class added for real news (issue 10), in sentences of our own."""

from __future__ import annotations

import pytest

from tasks.core.clean import clean_paragraphs
from tasks.core.names import name_after, tagged_as_name
from tasks.core.segment import ensure_dictionary
from tasks.core.speeches import extract_speeches


def _speeches(*paragraphs: str):
    return extract_speeches(clean_paragraphs(list(paragraphs)).paragraphs)


def _said(*paragraphs: str) -> list[tuple[str, str, str]]:
    return [(s.speaker, s.verb, s.text[:6]) for s in _speeches(*paragraphs)]


def test_role_only_speaker_keeps_its_role_as_title_and_its_organisation():
    (sp,) = _speeches("西岸镇规划办相关负责人表示，旧仓库改造将在年底前完成招标。")
    assert (sp.speaker, sp.title, sp.organization) == (
        "相关负责人",
        "西岸镇规划办相关负责人",
        "西岸镇规划办",
    )


@pytest.mark.parametrize("quantified", ["该码头负责人", "一位码头负责人"])
def test_role_only_speaker_drops_demonstratives_and_quantifiers(quantified):
    (sp,) = _speeches(f"{quantified}表示，下个月起夜班渡轮加开两趟。")
    assert (sp.speaker, sp.title) == ("负责人", "码头负责人")


def test_group_speakers_speak_together():
    (sp,) = _speeches("参加座谈的青年企业家纷纷表示，孵化基地的租金补贴来得及时。")
    assert (sp.speaker, sp.title, sp.text[:5]) == ("企业家", "青年企业家", "孵化基地的")
    assert sp.organization == ""  # 青年 is no organisation


@pytest.mark.parametrize(
    "frame",
    ["向来宾介绍展品时", "边看图纸边", "高兴地", "忍不住"],
)
def test_frames_between_a_speaker_and_the_cue(frame):
    (sp,) = _speeches(f"东岗村党委书记韦嘉荣{frame}说，今年要把老码头改成文化驿站。")
    assert (sp.speaker, sp.title) == ("韦嘉荣", "东岗村党委书记")


def test_a_slogan_in_quotes_right_after_a_cue_opens_reported_speech():
    (sp,) = _speeches("镇长莫晓晴表示，“三旧”改造要和产业招商同步推进。")
    assert (sp.kind, sp.text[:6]) == ("indirect", "“三旧”改造")


def test_subject_carried_over_to_a_later_clause():
    found = _said(
        "区长聂永川察看了河涌整治现场，要求加快截污管网建设。",
        "聂永川随后走访了两家纺织企业，叮嘱企业用好技改补贴。",
    )
    assert found == [("聂永川", "要求", "加快截污管网"), ("聂永川", "叮嘱", "企业用好技改")]


def test_a_courtesy_of_biao_shi_is_not_speech_but_its_subject_carries_over():
    found = _said("副区长邝海林对志愿者表示感谢，认为社区服务站应当延长开放时间。")
    assert found == [("邝海林", "认为", "社区服务站应")]


def test_topic_verbs_with_an_object_report_no_speech():
    assert _said("街道办主任卜怡文介绍了辖区老旧小区的现状。") == []
    assert _said("街道办主任卜怡文介绍，辖区老旧小区已有六成完成加装电梯。") == [
        ("卜怡文", "介绍", "辖区老旧小区")
    ]


def test_a_cue_that_opens_a_sentence_as_an_adverb_is_not_speech():
    found = _said("区长聂永川表示，今年财政收入稳中有升。预计全年新增就业岗位三千个。")
    assert [f[1] for f in found] == ["表示"]


@pytest.mark.parametrize("filing", ["提出提案", "提出议案"])
def test_filing_a_motion_is_not_speech(filing):
    assert _said(f"委员们以联名方式{filing}四十件，涉及交通和教育。") == []


def test_a_work_report_is_not_a_speech_cue():
    assert _said("区长聂永川在政府工作报告中回顾了一年来的工作。") == []


def test_a_role_given_the_floor_with_a_colon():
    (sp,) = _speeches("沙滘村党委书记：“村里的事，大家商量着办！”")
    assert (sp.speaker, sp.title, sp.verb, sp.kind) == ("党委书记", "沙滘村党委书记", "", "direct")


def test_a_quotation_closed_by_a_sentence_naming_its_speaker_without_a_verb():
    (sp,) = _speeches("“机器换人以后，一条线只要三个人看着。”事后，韦嘉荣把车间照片发给了记者。")
    assert (sp.speaker, sp.verb, sp.kind, sp.text[:4]) == ("韦嘉荣", "", "direct", "机器换人")


def test_a_series_of_bare_quotations_belongs_to_nobody():
    found = _said(
        "菜市场门口，摊主龚海明说：“今天青菜一块五一斤。”",
        "“我每天都来买鱼，新鲜。”",
        "“孩子放假了，多买点水果。”",
    )
    assert found == [("龚海明", "说", "今天青菜一块")]


def test_a_title_met_in_an_earlier_paragraph_without_speech_is_kept():
    found = _speeches(
        "市人大代表、北滘镇商会会长屈志远参加了审议。",
        "屈志远表示，民营企业最需要稳定的政策预期。",
    )
    assert [(s.speaker, s.title) for s in found] == [("屈志远", "市人大代表、北滘镇商会会长")]


def test_the_nearest_title_wins():
    found = _speeches(
        "镇委书记甘立仁到工业园调研",
        "昨日，勒流镇委书记甘立仁到工业园调研。他指出，园区道路要在雨季前修好。",
    )
    assert [(s.speaker, s.title) for s in found] == [("甘立仁", "勒流镇委书记")]


def test_a_full_name_before_an_honorific_is_the_speaker():
    found = _speeches("骆秀芬阿姨端来一锅糖水，她说，这碗糖水煮了三个钟头。")
    assert [(s.speaker, s.title) for s in found] == [("骆秀芬", "")]


def test_name_split_from_its_surname_by_jieba_is_joined():
    ensure_dictionary()
    assert name_after(["谭", "海生", "对"]) == "谭海生"


def test_name_cut_before_its_last_character_is_completed():
    assert name_after(["黄志", "强", "将"]) == "黄志强"
    assert name_after(["王敏", "说"]) == "王敏"


def test_the_pos_tagger_vetoes_words_that_only_look_like_names():
    ensure_dictionary()
    assert not tagged_as_name("代表连日来", "连日来")
    assert tagged_as_name("会上何桂英", "何桂英")


def test_new_speech_verbs_and_surnames():
    found = _said(
        "区长盘海峰形容，这条新路是南北两岸的拉链。",
        "店长邬启明点赞：“这个展厅办得好。”",
    )
    assert found == [("盘海峰", "形容", "这条新路是南"), ("邬启明", "点赞", "这个展厅办得")]


def test_new_title_words():
    (sp,) = _speeches("园区管委会主任助理、招商组成员陶可欣表示，下半年还有五个项目签约。")
    assert (sp.speaker, sp.title) == ("陶可欣", "园区管委会主任助理、招商组成员")


def test_a_cue_with_nothing_after_it_takes_the_quotation_opening_its_sentence():
    (sp,) = _speeches("“路修好了，货车一天能多跑两趟。”站在新桥上，物流公司司机蔡永年笑着说。")
    assert (sp.speaker, sp.verb, sp.kind, sp.text[:4]) == ("蔡永年", "说", "direct", "路修好了")


def test_a_call_named_as_a_noun_takes_no_quotation():
    assert _said("“早一步就是先机”，会上，镇长聂永川发出了加快建设的号召。") == []
