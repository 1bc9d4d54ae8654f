"""People across articles: the identity rule and the title history."""

from __future__ import annotations

from datetime import date

from tasks.core.speakers import build_speakers, roots


def _speech(article: str, no: int, name: str, title: str, org: str, day: str) -> tuple:
    return (article, no, name, title, org, date.fromisoformat(day))


def test_a_person_keeps_one_id_while_the_title_changes():
    rows = build_speakers(
        [
            _speech("a1", 0, "岑灼雄", "桂城街道党工委书记", "桂城街道", "2020-12-23"),
            _speech(
                "a2", 0, "岑灼雄", "南海区委常委、桂城街道党工委书记", "南海区委", "2021-07-01"
            ),
            _speech("a3", 0, "岑灼雄", "", "", "2021-08-01"),  # a bare name joins the only 岑灼雄
        ]
    )
    (person,) = rows["speakers"]
    assert person["speaker_id"] == "岑灼雄@桂城" and person["speeches"] == 3
    assert (person["first_seen"], person["last_seen"]) == (date(2020, 12, 23), date(2021, 8, 1))
    history = {t["title"]: (t["first_seen"], t["last_seen"]) for t in rows["speaker_titles"]}
    assert history == {
        "桂城街道党工委书记": (date(2020, 12, 23), date(2020, 12, 23)),
        "南海区委常委、桂城街道党工委书记": (date(2021, 7, 1), date(2021, 7, 1)),
    }
    assert {link["speaker_id"] for link in rows["speech_speakers"]} == {"岑灼雄@桂城"}


def test_the_same_name_in_unrelated_organisations_is_two_people():
    rows = build_speakers(
        [
            _speech("a1", 0, "陈志强", "西樵镇农业农村办副主任", "西樵镇农业农村办", "2021-03-30"),
            _speech("a1", 1, "陈志强", "里水镇和顺村种粮大户", "里水镇和顺村", "2021-03-30"),
            _speech("a2", 0, "陈志强", "", "", "2021-04-02"),  # ambiguous: stays apart
        ]
    )
    assert sorted(p["speaker_id"] for p in rows["speakers"]) == [
        "陈志强@?",
        "陈志强@西樵",
        "陈志强@里水",
    ]


def test_people_named_by_role_are_never_merged_across_articles():
    rows = build_speakers(
        [
            _speech("a1", 0, "相关负责人", "南海区住建局相关负责人", "南海区住建局", "2021-01-01"),
            _speech("a2", 0, "相关负责人", "南海区住建局相关负责人", "南海区住建局", "2021-02-01"),
            _speech("a3", 0, "李阿姨", "村民", "", "2021-02-01"),
        ]
    )
    assert len(rows["speakers"]) == 3


def test_roots_are_places_and_companies():
    assert roots("南海区委常委、桂城街道党工委书记", "南海区委") == {"南海区", "桂城"}
    assert roots("广东星联科技有限公司董事长", "广东星联科技有限公司") == {"广东星联科技有限公司"}
