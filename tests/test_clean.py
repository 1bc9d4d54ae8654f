"""Cleaning on the seed's real column breaks and on the site's other quirks."""

from __future__ import annotations

from tasks.core.clean import authors_of, clean_paragraphs, clean_plain_text, normalize_text


def test_seed_column_breaks_are_rejoined(seed_text):
    clean = clean_plain_text(seed_text)
    body = "\n".join(p.text for p in clean.paragraphs)
    for joined in (
        "前置窗口，桂城街道行政服务中心",
        "思路决定出路",
        "“15分钟党群服务圈”建设",
        "岑灼雄表示，党员干部",
    ):
        assert joined in body
    assert not any(p.text in ("口，", "定出路。") for p in clean.paragraphs)


def test_seed_subheads_headline_captions_and_byline_are_told_apart(seed_text):
    clean = clean_plain_text(seed_text)
    kinds = {p.text: p.kind for p in clean.paragraphs}
    assert kinds["深挖问题找方向"] == "subhead"
    assert kinds["查问题找差距 探新路谋发展"] == "headline"
    assert kinds["与会代表发言。"] == "caption"
    assert all(not p.text.startswith(("■", "统筹")) for p in clean.paragraphs)
    assert clean.byline.startswith("统筹/")
    assert {"邹韵斯", "刘杭", "李芳毅", "廖明璨", "关帅屏", "杜建新"} <= set(clean.authors)


def test_verbatim_repeated_paragraph_is_dropped_once():
    para = "“我们要把村改做实。”冯晓东说。"
    clean = clean_paragraphs(["开头一段说明了会议的背景和主要议程。", para, "中间一段。", para])
    assert [p.text for p in clean.paragraphs].count(para) == 1
    assert clean.dropped["repeated_paragraph"] == 1


def test_widths_punctuation_and_spaces_are_normalised():
    assert normalize_text("增长１２.３％，投资３,０００万元") == "增长12.3%，投资3,000万元"
    assert normalize_text('他说: "好的, 我们马上办."') == "他说：“好的，我们马上办。”"
    assert normalize_text("「腾笼换鸟」") == "“腾笼换鸟”"
    assert normalize_text("会议于10:30开始 ,  共 3,000 人") == "会议于10:30开始，共3,000人"


def test_lead_bylines_in_both_forms_are_split_from_the_body():
    clean = clean_paragraphs(
        ["珠江时报讯(记者/吴志恒 黄晴雯 通讯员/黎昭映)3月15日，大沥召开会议。"]
    )
    assert clean.paragraphs[0].text == "3月15日，大沥召开会议。"
    assert clean.authors == ["吴志恒", "黄晴雯", "黎昭映"]
    clean = clean_paragraphs(["珠江时报讯记者戴欢婷柯凌娜通讯员林焕熙报道 昨日，里水举行活动。"])
    assert clean.paragraphs[0].text == "昨日，里水举行活动。"
    assert clean.authors == ["戴欢婷", "柯凌娜", "林焕熙"]


def test_captions_lose_their_photo_credit_and_page_references_are_removed():
    clean = clean_paragraphs(
        ["■改造后的产业社区。珠江时报记者/黄晴雯摄", "正文第一段在这里结束。(下转A06版)"]
    )
    assert [(p.kind, p.text) for p in clean.paragraphs] == [
        ("body", "正文第一段在这里结束。"),
        ("caption", "改造后的产业社区。"),
    ]
    assert clean.photo_credits == ["珠江时报记者/黄晴雯摄"]
    assert authors_of("图/佛山市新闻传媒中心记者 廖明璨") == ["廖明璨"]


def test_short_lines_that_are_not_cut_words_stay_subheads():
    clean = clean_paragraphs(["第一段写完了。", "聚焦重点抓落实", "会上，各部门作了发言。"])
    assert [p.kind for p in clean.paragraphs] == ["body", "subhead", "body"]


def test_a_column_break_right_after_the_byline_is_rejoined():
    clean = clean_paragraphs(
        [
            "珠江时报讯(记者/黄晴雯通讯员/黎昭映)12月",
            "25日，狮山召开党建工作会议。",
            "聚焦重点抓落实",
            "正文。",
        ]
    )
    assert [(p.kind, p.text) for p in clean.paragraphs] == [
        ("body", "12月25日，狮山召开党建工作会议。"),
        ("subhead", "聚焦重点抓落实"),
        ("body", "正文。"),
    ]


def test_a_paragraph_closed_by_a_photo_credit_is_not_joined_to_the_next():
    clean = clean_plain_text(
        "街坊在祠堂前舞狮，锣鼓声响成一片。/本报记者林小东摄\n\n不少街坊表示，老街的年味越来越浓了。"
    )
    texts = [p.text for p in clean.paragraphs]
    assert texts[-1].startswith("不少街坊表示")
    assert not any(t.endswith("摄不少街坊表示，老街的年味越来越浓了。") for t in texts)
