"""Theme matching: each rule, with the false positive it prevents; re-tagging from stored text."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from tasks.core import store
from tasks.core.clean import clean_plain_text
from tasks.core.pipeline import extract_text
from tasks.core.retag import retag
from tasks.core.segment import tokenize
from tasks.core.theme_match import ThemeMatcher, article_terms, mask_non_mentions
from tasks.core.themes import Theme, load_themes


def _theme(theme_id: str, keywords: tuple[str, ...], exclude: tuple[str, ...] = ()) -> Theme:
    return Theme(theme_id, theme_id, None, "", keywords, exclude)


def test_keyword_matches_a_whole_token_not_a_substring():
    matcher = ThemeMatcher([_theme("村级工业园改造", ("村改",))])
    assert matcher.match(tokenize("大沥全力推进村改工作。")) == {"村级工业园改造": ["村改"]}
    # 村改 is a substring of 农村改革 but never a token of it
    assert "村改" in "深化农村改革。" and matcher.match(tokenize("深化农村改革。")) == {}


def test_phrase_matches_consecutive_tokens_only():
    matcher = ThemeMatcher([_theme("旧改", ("旧厂房 改造",))])
    assert matcher.match(["推进", "旧厂房", "改造"]) == {"旧改": ["旧厂房 改造"]}
    assert matcher.match(["旧厂房", "出租", "后", "再", "改造"]) == {}


def test_exclusion_cancels_the_theme_in_that_sentence():
    matcher = ThemeMatcher([_theme("教育", ("教育",), exclude=("党史 学习",))])
    assert matcher.match(["发展", "教育"]) == {"教育": ["教育"]}
    assert matcher.match(["开展", "党史", "学习", "教育"]) == {}


def test_taxonomy_keywords_are_tokens_of_running_text():
    matcher = ThemeMatcher(load_themes())
    found = matcher.match(tokenize("大沥推进村级工业园改造，腾笼换鸟，持续优化营商环境。"))
    assert found["村级工业园改造"] == ["村级工业园改造", "腾笼换鸟"]
    assert found["营商环境"] == ["营商环境"]
    # the default taxonomy keeps 党史学习教育 out of 教育
    assert "教育" not in matcher.match(tokenize("全区深入开展党史学习教育。"))


def test_article_terms_leave_out_function_words_and_numbers():
    terms = article_terms([["我们", "推进", "村改", "23", "村改", "，"]])
    assert terms == {"村改": 2}


def test_article_terms_keep_content_words_only():
    tokens = tokenize("近日，桂城推出一系列惠企措施，当好服务企业的店小二，何嘉明表示要精准落地。")
    terms = article_terms([tokens])
    # nouns that say what the article is about stay
    assert {"惠企", "措施", "店小二"} <= set(terms)
    # verbs, adverbs, numerals, places, routine nouns and names do not
    assert not {"推出", "一系列", "当好", "近日", "桂城", "服务", "企业", "表示"} & set(terms)


# Invented article: the keyword 村级工业园改造 appears only in a speaker's title (and in the
# office of a second speaker); the article itself is about a library opening.
TITLE_ONLY = """珠江时报讯（记者/林小禾）昨日，大沥镇新建的社区图书馆正式开放，首批藏书两万册。
大沥镇村级工业园改造办公室主任冯晓东说，图书馆周末也会开放，欢迎居民带孩子来看书。
“这里安静，孩子写作业很方便。”村民梁阿姨说。
"""


def test_a_keyword_inside_a_speakers_title_is_not_a_mention():
    ex = extract_text(clean_plain_text(TITLE_ONLY))
    assert any("村级工业园改造" in sp["title"] for sp in ex.speeches)
    assert "村级工业园改造" not in {t["theme_id"] for t in ex.sentence_themes}
    assert "村级工业园改造" not in {t["term"] for t in ex.terms}
    # the same keyword in the running text of the same article counts
    about = TITLE_ONLY + "他还介绍，今年大沥村级工业园改造将再腾出三百亩土地。\n"
    tagged = extract_text(clean_plain_text(about)).sentence_themes
    assert [t["sentence_no"] for t in tagged if t["theme_id"] == "村级工业园改造"] == [
        len(extract_text(clean_plain_text(about)).sentences) - 1
    ]


def test_bylines_and_photo_credits_are_not_mentions():
    masked = mask_non_mentions(
        "珠江时报讯（记者/党建文）今天开会。", ["珠江时报讯（记者/党建文）", "珠江时报记者/王某摄"]
    )
    assert masked == "，今天开会。"
    assert mask_non_mentions("今天开会。", ["珠江时报讯（记者/党建文）"]) is None


def test_retag_applies_an_edited_taxonomy_to_stored_history(tmp_path: Path, seed_text: str):
    con = store.connect(tmp_path / "t.duckdb")
    store.prepare(con)
    ex = extract_text(clean_plain_text(seed_text))
    tag = {"article_id": "a1"}
    when = datetime(2020, 12, 23, tzinfo=UTC)
    store.load_batch(
        con,
        {
            "articles": [
                tag
                | {
                    "url": "u",
                    "edition": "zjsb",
                    "issue_date": when.date(),
                    "title": "t",
                    "content_hash": "h",
                    "first_seen_at": when,
                    "updated_at": when,
                }
            ],
            "sentences": [tag | s for s in ex.sentences],
            "sentence_themes": [tag | s for s in ex.sentence_themes],
        },
    )
    themes = [*load_themes(), _theme("城市品质", ("公园城市", "城市品质"))]
    counts = retag(con, themes)
    assert counts["sentences"] == len(ex.sentences)
    tagged = con.execute(
        "SELECT count(*) FROM sentence_themes WHERE theme_id = '城市品质'"
    ).fetchall()
    assert tagged[0][0] >= 1
    assert con.execute("SELECT count(*) FROM themes WHERE theme_id = '城市品质'").fetchall() == [
        (1,)
    ]


def test_retag_masks_titles_as_the_load_does(tmp_path: Path):
    con = store.connect(tmp_path / "t.duckdb")
    store.prepare(con)
    about = TITLE_ONLY + "他还介绍，今年大沥村级工业园改造将再腾出三百亩土地。\n"
    when = datetime(2021, 5, 6, tzinfo=UTC)
    batch: dict[str, list] = {"articles": [], "sentences": [], "speeches": []}
    for aid, text in (("title-only", TITLE_ONLY), ("about", about)):
        ex = extract_text(clean_plain_text(text))
        tag = {"article_id": aid}
        batch["articles"].append(
            tag
            | {
                "url": aid,
                "edition": "zjsb",
                "issue_date": when.date(),
                "title": "t",
                "byline": ex.clean.byline,
                "content_hash": aid,
                "first_seen_at": when,
                "updated_at": when,
            }
        )
        batch["sentences"] += [tag | s for s in ex.sentences]
        batch["speeches"] += [tag | s for s in ex.speeches]
    store.load_batch(con, batch)
    retag(con, load_themes())
    tagged = con.execute(
        "SELECT DISTINCT article_id FROM sentence_themes WHERE theme_id = '村级工业园改造'"
    ).fetchall()
    assert tagged == [("about",)]
