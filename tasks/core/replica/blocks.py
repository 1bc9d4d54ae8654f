"""Hand-written building blocks the generator composes articles from.

People recur with titles that change over the years; themes rise and fall; figures recur
year after year. All names except the seed article's are invented.
"""

from __future__ import annotations

from typing import NamedTuple

# (name, [(first month "YYYY-MM", title chain)], pronoun)
PEOPLE: list[tuple[str, list[tuple[str, str]], str]] = [
    (
        "岑灼雄",
        [("2019-01", "桂城街道党工委书记"), ("2021-06", "南海区委常委、桂城街道党工委书记")],
        "他",
    ),
    ("余辉", [("2019-01", "桂城街道党工委副书记、办事处主任")], "他"),
    ("何嘉明", [("2019-01", "南海区经济促进局局长"), ("2021-03", "南海区副区长")], "他"),
    ("陈丽华", [("2019-01", "桂城街道行政服务中心主任"), ("2020-07", "桂城街道党工委委员")], "她"),
    ("黄伟强", [("2019-01", "狮山镇党委书记")], "他"),
    ("邓静怡", [("2019-01", "九江镇党委副书记、镇长")], "她"),
    (
        "苏启航",
        [("2019-01", "南海区自然资源局局长"), ("2020-10", "南海区住房城乡建设和水利局局长")],
        "他",
    ),
    ("冯晓东", [("2019-01", "大沥镇村级工业园改造办公室主任")], "他"),
    ("区永恒", [("2019-01", "平洲社区党委书记")], "他"),
    ("麦嘉欣", [("2019-01", "西樵镇文化站站长")], "她"),
    ("周志鹏", [("2019-01", "广东瀚海智能装备有限公司董事长")], "他"),
    ("谭美玲", [("2019-01", "南海区教育局副局长"), ("2020-09", "南海区教育局局长")], "她"),
    ("罗建新", [("2019-01", "里水镇党委书记")], "他"),
    ("叶思远", [("2019-01", "南海区科学技术局局长")], "他"),
    ("梁嘉伟", [("2019-01", "丹灶镇党委副书记、镇长"), ("2020-04", "丹灶镇党委书记")], "他"),
]

TOWNS = ["桂城", "狮山", "大沥", "里水", "九江", "西樵", "丹灶"]
ORGS_FOR_ROLE_ONLY = [
    "南海区住房城乡建设和水利局",
    "桂城街道经济促进办",
    "南海区市场监督管理局",
    "大沥镇城建办",
]
VILLAGERS = [("村民", "李阿姨"), ("市民", "董先生"), ("居民", "黄师傅"), ("企业主", "陈先生")]

# Theme → (peak month index from 2019-01, width in months, base weight, height of the bump).
# 村级工业园改造 is already written about in mid-2019, rises to a peak in spring 2020 and fades
# out by late 2021.
THEME_CURVES: dict[str, tuple[int, int, float, float]] = {
    "村级工业园改造": (16, 8, 0.12, 3.0),
    "乡村振兴": (30, 12, 0.5, 1.5),
    "营商环境": (18, 30, 0.6, 1.0),
    "生态环境与治水": (19, 10, 0.4, 1.0),
    "党建": (30, 4, 0.3, 1.5),
    "政务服务": (34, 14, 0.3, 1.5),
    "科技创新": (36, 16, 0.3, 1.5),
    "广佛同城": (24, 8, 0.2, 1.0),
}

# Theme → building blocks. {town} and {date} are filled by the generator, {growth} with a rate of
# change, and every other placeholder with the value of the figure of SERIES it names.
THEMES: dict[str, dict[str, list[str]]] = {
    "村级工业园改造": {
        "titles": [
            "{town}村级工业园改造再提速",
            "腾笼换鸟 {town}旧园区变身产业社区",
            "{town}连片改造村级工业园",
            "村改攻坚战 {town}交出阶段答卷",
        ],
        "kickers": ["村级工业园升级改造", "高质量发展", ""],
        "leads": [
            "{date}，{town}召开村级工业园改造推进会，部署下一阶段的拆除整理和招商工作。",
            "近日，记者从{town}获悉，当地村级工业园改造进入攻坚阶段，一批旧厂房正在拆除。",
            "{town}正以村级工业园改造为抓手，腾笼换鸟，为制造业发展拓展空间。",
        ],
        "indirect": [
            "村级工业园改造是{town}高质量发展的关键一招，必须坚持连片改造，不能零敲碎打",
            "要把改造后的土地优先用于先进制造业，坚持工改工，防止园区变成商住楼盘",
            "各村居要算好长远账，村改不是一拆了之，而是要为集体经济找到新的增长点",
            "今年要在拆除整理上再加力，同时做好招商引资，让新园区尽快产生效益",
        ],
        "direct": [
            "村改是一场硬仗，我们没有退路，只能迎难而上。",
            "过去的低端园区效益低、隐患多，改造之后每亩产值翻了几番。",
            "企业愿意来，是因为我们把载体建好了，把服务做实了。",
        ],
        "metrics": [
            "{town}累计完成村级工业园改造{park_mu}亩，拆除整理土地{park_land}万平方米。",
            "全区村级工业园改造累计完成{park_projects}宗，涉及约{park_district_mu}亩土地。",
            "改造后的园区已引进企业{park_firms}家，预计年产值超过{park_output}亿元。",
        ],
    },
    "乡村振兴": {
        "titles": ["{town}乡村振兴绘就新图景", "美丽乡村迎来新变化", "{town}探索乡村振兴新路径"],
        "kickers": ["乡村振兴", ""],
        "leads": [
            "{date}，{town}举行乡村振兴工作推进会，总结人居环境整治成效。",
            "走进{town}的村居，干净整洁的村道、错落有致的民居映入眼帘。",
        ],
        "indirect": [
            "乡村振兴要坚持以人民为中心，把人居环境整治作为第一场硬仗",
            "要发挥基层党组织的战斗堡垒作用，带动村民共建共治共享",
            "农村社区之间发展不平衡的问题仍然存在，要因村施策、精准发力",
        ],
        "direct": [
            "村里变美了，游客多了，我们的日子也越过越好。",
            "乡村振兴不是一句口号，要落到每一条村道、每一户人家。",
        ],
        "metrics": [
            "目前，{town}已建成美丽文明村居{model_villages}个，完成村道硬底化{village_roads}公里。",
            "全镇{communities}个农村社区全部完成人居环境整治，村集体经济收入同比增长{growth}%。",
        ],
    },
    "营商环境": {
        "titles": [
            "{town}持续优化营商环境",
            "政企面对面 服务零距离",
            "营商环境再升级 企业发展添信心",
        ],
        "kickers": ["营商环境", "政企恳谈", ""],
        "leads": [
            "{date}，{town}举办政企恳谈会，企业家代表与部门负责人面对面交流。",
            "为进一步优化营商环境，{town}近日推出一系列惠企措施。",
        ],
        "indirect": [
            "营商环境就是生产力，政府要当好服务企业的店小二",
            "要建立企业诉求快速响应机制，让企业的问题有人管、有回音",
            "政策落地要精准，不能让好政策停留在纸面上",
        ],
        "direct": [
            "企业有需要，我们随时到；企业有困难，我们马上办。",
            "营商环境没有最好，只有更好。",
        ],
        "metrics": [
            "今年以来，{town}新增市场主体{new_firms}户，同比增长{growth}%。",
            "目前，{town}共有上市企业{listed_firms}家，规上工业企业超过{large_firms}家。",
        ],
    },
    "生态环境与治水": {
        "titles": ["{town}全力打好碧水保卫战", "河涌变清 岸线变美", "{town}推进雨污分流工程"],
        "kickers": ["治水攻坚", "生态环境", ""],
        "leads": [
            "{date}，{town}召开治水工作会议，部署黑臭水体整治和雨污分流工作。",
            "清晨的河涌边，不少市民正在新建成的碧道上散步。",
        ],
        "indirect": [
            "治水要坚持源头治理，雨污分流工程必须加快推进",
            "要落实河长制，每一条河涌都要有人管、管得好",
            "生态环境保护和经济发展不是对立的，保护生态环境就是保护生产力",
        ],
        "direct": [
            "以前河涌发臭，窗都不敢开，现在傍晚一家人都来散步。",
            "治水没有捷径，只有一条河一条河地啃下来。",
        ],
        "metrics": [
            "今年{town}计划完成雨污分流管网建设{sewer_km}公里，整治河涌{rivers}条。",
            "全区黑臭水体整治完成率达到{water_rate}%，建成碧道约{greenway_km}公里。",
        ],
    },
    "党建": {
        "titles": [
            "以高质量党建引领基层治理",
            "党群服务中心成为居民“会客厅”",
            "{town}党建引领社区治理",
        ],
        "kickers": ["党建引领", ""],
        "leads": [
            "{date}，{town}召开党建工作会议，总结基层党组织建设成效。",
            "在{town}的党群服务中心，每天都有居民前来办事、参加活动。",
        ],
        "indirect": [
            "要以高质量党建引领基层治理，把党组织的政治优势转化为发展优势",
            "党员干部要走在前、作表率，把群众的事当成自己的事",
            "要深化“15分钟党群服务圈”建设，让居民在家门口享受服务",
        ],
        "direct": [
            "党员就是要在群众最需要的时候站出来。",
            "把支部建在网格上，服务才能延伸到每一户。",
        ],
        "metrics": [
            "目前，{town}已建成党群服务中心{party_centres}个，组建党员志愿服务队{volunteer_teams}支。"
        ],
    },
    "政务服务": {
        "titles": [
            "政务服务“一网通办” 群众办事更便捷",
            "{town}行政服务中心推出新举措",
            "办事少跑腿 服务零距离",
        ],
        "kickers": ["政务服务", ""],
        "leads": [
            "{date}，{town}行政服务中心推出“指尖办”新服务，群众可在手机上办理多项业务。",
            "在{town}行政服务中心，前来办事的市民正在自助终端上办理业务。",
        ],
        "indirect": [
            "要推动更多事项网上办、掌上办，让数据多跑路、群众少跑腿",
            "窗口服务要从“能办”向“好办”转变，持续提升群众满意度",
        ],
        "direct": [
            "以前办一个证要跑好几趟，现在在家就能办好。",
            "我们的目标是让企业和群众办事像网购一样方便。",
        ],
        "metrics": [
            "今年以来，{town}行政服务中心共受理业务{service_cases}万宗，网上办理率达{online_rate}%。",
            "目前已有{online_items}项政务服务事项实现“一网通办”。",
        ],
    },
    "科技创新": {
        "titles": [
            "{town}科技创新动能强劲",
            "高新技术企业数量再创新高",
            "创新驱动 {town}产业加速升级",
        ],
        "kickers": ["科技创新", "制造业当家", ""],
        "leads": [
            "{date}，{town}召开科技创新大会，表彰一批高新技术企业和创新团队。",
            "走进{town}一家智能装备企业的车间，机械臂正在有序作业。",
        ],
        "indirect": [
            "科技创新是制造业转型升级的核心动力，要支持企业加大研发投入",
            "要培育更多专精特新企业，让创新成为企业发展的第一动力",
        ],
        "direct": [
            "我们每年把销售额的一成投入研发，这是企业的生命线。",
            "没有核心技术，企业就只能跟在别人后面跑。",
        ],
        "metrics": [
            "目前，{town}共有高新技术企业{hightech_firms}家，研发投入同比增长{growth}%。",
            "今年全区新增专精特新企业{specialised_firms}家，技术合同成交额约{tech_contracts}亿元。",
        ],
    },
    "广佛同城": {
        "titles": ["广佛同城迈出新步伐", "{town}加快融入广佛同城", "广佛极点建设提速"],
        "kickers": ["广佛同城", ""],
        "leads": [
            "{date}，广佛两地召开同城化合作会议，{town}多个项目签约。",
            "随着轨道交通的开通，{town}与广州的联系更加紧密。",
        ],
        "indirect": [
            "要抢抓广佛同城机遇，打造广佛极点，推动交通、产业全面对接",
            "广佛同城不仅是交通的联通，更是产业、公共服务的融合",
        ],
        "direct": [
            "早上从广州过来上班，地铁半个小时就到了。",
            "广佛同城让我们的企业多了一个大市场。",
        ],
        "metrics": [
            "广佛两地已开通跨市公交线路{bus_lines}条，日均客流约{bus_riders}人次。",
            "今年{town}签约广佛合作项目{gf_projects}个，总投资超过{gf_investment}亿元。",
        ],
    },
}


# A figure that recurs across articles: its value for an average town in June 2019, its growth
# per year, the relative noise of one quotation, decimals, whether it is a town's figure (scaled
# by TOWN_SCALE) or the district's, and a ceiling (rates stop short of 100 %).
class Series(NamedTuple):
    base: float
    growth: float
    noise: float = 0.04
    decimals: int = 0
    per_town: bool = True
    ceiling: float | None = None


SERIES: dict[str, Series] = {
    "park_mu": Series(420, 0.55),
    "park_land": Series(28, 0.55, decimals=1),
    "park_projects": Series(38, 0.6, per_town=False),
    "park_district_mu": Series(3200, 0.5, per_town=False),
    "park_firms": Series(12, 0.45),
    "park_output": Series(8, 0.5, decimals=1),
    "model_villages": Series(9, 0.3),
    "village_roads": Series(35, 0.2, decimals=1),
    "communities": Series(18, 0.0, noise=0.0),
    "new_firms": Series(2600, 0.08, noise=0.06),
    "listed_firms": Series(9, 0.18, noise=0.0),
    "large_firms": Series(310, 0.07, noise=0.02),
    "sewer_km": Series(40, 0.25, decimals=1),
    "rivers": Series(6, 0.15),
    "water_rate": Series(62, 0.18, noise=0.02, decimals=1, per_town=False, ceiling=99.5),
    "greenway_km": Series(45, 0.6, decimals=1, per_town=False),
    "party_centres": Series(14, 0.2, noise=0.0),
    "volunteer_teams": Series(60, 0.25),
    "service_cases": Series(18, 0.12, decimals=1),
    "online_rate": Series(48, 0.3, noise=0.03, decimals=1, ceiling=98.5),
    "online_items": Series(520, 0.35, per_town=False),
    "hightech_firms": Series(160, 0.22, noise=0.02),
    "specialised_firms": Series(22, 0.4, per_town=False),
    "tech_contracts": Series(12, 0.3, decimals=1, per_town=False),
    "bus_lines": Series(24, 0.15, noise=0.0, per_town=False),
    "bus_riders": Series(46000, 0.2, per_town=False),
    "gf_projects": Series(9, 0.3),
    "gf_investment": Series(60, 0.35, decimals=1),
}
# How big each town's figures are against the average town.
TOWN_SCALE = {
    "桂城": 1.3,
    "狮山": 1.6,
    "大沥": 1.2,
    "里水": 0.9,
    "九江": 0.7,
    "西樵": 0.75,
    "丹灶": 0.6,
}

ORG_STATEMENTS = ["会议指出，{c}。", "会议强调，{c}。", "大会提出，{c}。"]
SUBHEADS = [
    "聚焦重点抓落实",
    "精准发力破难题",
    "久久为功见成效",
    "凝心聚力谋发展",
    "多方联动强保障",
]

ZJSB_PAGES = [
    ("A01", "要闻"),
    ("A02", "要闻"),
    ("A03", "深度"),
    ("A04", "今日南海"),
    ("A05", "经济"),
    ("A06", "关注"),
    ("A07", "城事"),
    ("A08", "文化"),
]
GCSQ_PAGES = [("01", "要闻"), ("02", "社区"), ("03", "民生"), ("04", "文化")]
