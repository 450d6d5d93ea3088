"""Cooperation, location and posts in the many ways Chinese news states them.

Sentences are invented for these tests in the shapes 新华社, the dailies, zone sites and
government notices write (invented firms, universities, parks and officials; the zones,
provinces and cities are the public ones). Each asserts every relation of its predicate a
careful annotator records (``/work/shared/eval/SCHEMA.md``): a zone's management committee
signing makes the zone a party too, a list of firms each signing with a zone does not make
the firms partners, who attends a signing is no party of it, and a firm from elsewhere
that signs with a zone is not located there.
"""
from __future__ import annotations

import pytest

from extraction import extract as _extract, posts as _posts, rels as _rels  # tests/extraction.py

ZONE_TITLE = "滇中新区举行重点项目推进会"  # an article about 云南滇中新区


def _coop(ex):
    return {tuple(sorted(pair)) for pair in _rels(ex, "cooperatesWith")}


def _pairs(*pairs):
    return {tuple(sorted(p)) for p in pairs}


def _all_pairs(*parties):
    """Every two of ``parties``: one act of them all."""
    return {tuple(sorted((a, b))) for i, a in enumerate(parties) for b in parties[i + 1:]}


YUNFAN, BEIGANG, QIMING = "云帆数据科技有限公司", "北港物流有限公司", "启明光能有限公司"
XINGHE, DIANZHONG = "星河大学", "云南滇中新区"


COOPERATION = [
    ("4月18日，滇中新区管委会与云帆数据科技有限公司签署战略合作框架协议。"
     "根据协议，双方将在智能网联汽车、算力基础设施等领域开展深度合作。",
     _pairs(("滇中新区管委会", YUNFAN), (DIANZHONG, YUNFAN))),
    ("西海岸新区管委会、青岛星海大学与海澜智能装备有限公司三方签署产学研合作协议。",
     _pairs(("西海岸新区管委会", "青岛星海大学"), ("西海岸新区管委会", "海澜智能装备有限公司"),
            ("青岛星海大学", "海澜智能装备有限公司"), ("青岛西海岸新区", "青岛星海大学"),
            ("青岛西海岸新区", "海澜智能装备有限公司"))),
    ("滇中新区管委会、星河大学、云帆数据科技有限公司、北港物流有限公司、启明光能有限公司五方签署合作协议。",
     _all_pairs("滇中新区管委会", XINGHE, YUNFAN, BEIGANG, QIMING)
     | _pairs(*((DIANZHONG, p) for p in (XINGHE, YUNFAN, BEIGANG, QIMING)))),
    ("云帆数据科技有限公司携手星河大学共建人工智能联合实验室。", _pairs((YUNFAN, XINGHE))),
    ("云帆数据科技有限公司正式牵手星河大学，共同打造智慧城市创新中心。", _pairs((YUNFAN, XINGHE))),
    ("天府新区与星岚控股集团有限公司共建星岚数字经济产业园。", _pairs(("四川天府新区", "星岚控股集团有限公司"))),
    ("两江新区与长春新区建立对口合作关系，两地将在汽车产业链方面开展合作。", _pairs(("重庆两江新区", "长春新区"))),
    ("根据对口合作安排，浦东新区与吉林市开展结对合作。", _pairs(("上海浦东新区", "吉林市"))),
    ("赣江新区与澜岸新能源科技股份有限公司达成合作，项目总投资50亿元。",
     _pairs(("江西赣江新区", "澜岸新能源科技股份有限公司"))),
    ("星河大学与西咸新区管委会签约，双方将共建云杉未来产业研究院。",
     _pairs((XINGHE, "西咸新区管委会"), (XINGHE, "陕西西咸新区"))),
    ("北港物流有限公司与舟山群岛新区签订港口物流合作协议。", _pairs((BEIGANG, "浙江舟山群岛新区"))),
    ("云杉大学与启明光能有限公司共建光伏材料联合实验室。", _pairs(("云杉大学", QIMING))),
    ("浦东新区与滨海新区签署合作备忘录。", _pairs(("上海浦东新区", "天津滨海新区"))),
    ("兰州新区与金普新区缔结友好合作关系。", _pairs(("甘肃兰州新区", "大连金普新区"))),
    ("湘江新区、天府新区、两江新区与滇中新区共同签署合作备忘录。",
     _all_pairs("湖南湘江新区", "四川天府新区", "重庆两江新区", DIANZHONG)),
    ("两江新区管委会携手云帆数据科技有限公司打造工业互联网平台。",
     _pairs(("两江新区管委会", YUNFAN), ("重庆两江新区", YUNFAN))),
    ("滇中新区管委会与星河大学、云帆数据科技有限公司签署三方合作协议。",
     _pairs(("滇中新区管委会", XINGHE), ("滇中新区管委会", YUNFAN), (XINGHE, YUNFAN),
            (DIANZHONG, XINGHE), (DIANZHONG, YUNFAN))),
    ("3月5日，云帆数据科技有限公司与哈尔滨新区管委会举行座谈。双方就共建寒地测试基地达成共识。",
     _pairs((YUNFAN, "哈尔滨新区管委会"), (YUNFAN, "哈尔滨新区"))),
    ("星河科学城由滇中新区与昆明市共同建设。", _pairs((DIANZHONG, "昆明市"))),
    ("云帆数据科技有限公司成立于2015年，近年来先后与星河大学、云杉大学开展产学研合作。",
     _pairs((YUNFAN, XINGHE), (YUNFAN, "云杉大学"))),
    ("云帆数据科技有限公司与北港物流有限公司签约，双方将合资组建澜岸智能物流有限公司。", _pairs((YUNFAN, BEIGANG))),
    ("滇中新区管委会副主任韦江代表新区与云帆数据科技有限公司签约。",
     _pairs(("滇中新区管委会", YUNFAN), (DIANZHONG, YUNFAN))),
    ("滇中新区将在数字经济与生物医药等领域与云帆数据科技有限公司深化合作。", _pairs((DIANZHONG, YUNFAN))),
    ("云帆数据科技有限公司与滇中新区管委会在昆明举行战略合作签约仪式。",
     _pairs((YUNFAN, "滇中新区管委会"), (YUNFAN, DIANZHONG))),
    ("滇中新区与云帆数据科技有限公司举行项目签约仪式。", _pairs((DIANZHONG, YUNFAN))),
    ("星河大学与云帆数据科技有限公司联合举办人工智能创新大赛。", _pairs((XINGHE, YUNFAN))),
    ("云帆数据科技有限公司董事长蓝启明与滇中新区管委会主任柳青山代表双方签约。",
     _pairs((YUNFAN, "滇中新区管委会"), (YUNFAN, DIANZHONG))),
    ("云帆数据科技有限公司分别与星河大学、云杉大学签署校企合作协议。", _pairs((YUNFAN, XINGHE), (YUNFAN, "云杉大学"))),
    ("星河人工智能研究院成立于2020年。该研究院与云帆数据科技有限公司签署合作协议。",
     _pairs(("星河人工智能研究院", YUNFAN))),
    # firms each signing with a zone are no partners of each other
    ("云帆数据科技有限公司、北港物流有限公司分别与滇中新区管委会签约。",
     _pairs((YUNFAN, "滇中新区管委会"), (BEIGANG, "滇中新区管委会"), (YUNFAN, DIANZHONG), (BEIGANG, DIANZHONG))),
    ("会上，贵安新区与北港物流有限公司、启明光能有限公司分别签署合作协议。",
     _pairs(("贵州贵安新区", BEIGANG), ("贵州贵安新区", QIMING))),
    ("现场，滇中新区与云帆数据科技有限公司、北港物流有限公司等10家企业签订投资协议。",
     _pairs((DIANZHONG, YUNFAN), (DIANZHONG, BEIGANG))),
    ("云帆数据科技有限公司、北港物流有限公司与滇中新区签订投资协议。",
     _pairs((YUNFAN, DIANZHONG), (BEIGANG, DIANZHONG))),
    # who attends or witnesses a signing is no party of it
    ("滇中新区党工委书记柳青山出席签约仪式。云帆数据科技有限公司与星河大学现场签约。", _pairs((YUNFAN, XINGHE))),
    ("在滇中新区管委会见证下，云帆数据科技有限公司与北港物流有限公司签订供应链协议。", _pairs((YUNFAN, BEIGANG))),
    ("星河大学、云杉大学等单位代表出席签约仪式。", set()),
    ("滇中新区、昆明市相关领导共同出席签约仪式。", set()),
    ("两江新区、滇中新区分别举行重点项目签约活动。", set()),
    ("滇中新区管委会主任柳青山与云帆数据科技有限公司董事长蓝启明共同见证签约。", set()),
    ("滇中新区相关负责人与云帆数据科技有限公司负责人座谈交流。", set()),
    # places and fields listed where something is done are no parties
    ("云帆数据科技有限公司将在长三角与粤港澳大湾区等区域拓展合作伙伴。", set()),
]


@pytest.mark.parametrize("sentence,expected", COOPERATION, ids=[f"coop{i:02d}" for i in range(len(COOPERATION))])
def test_cooperation_as_news_states_it(extractor, sentence, expected):
    assert _coop(_extract(extractor, sentence)) == expected


LOCATION = [
    ("云帆数据科技有限公司中国区总部正式落户滇中新区。", {(YUNFAN, DIANZHONG)}, ""),
    ("截至目前，星河数字产业园已入驻澜岸制药有限公司、启明光能有限公司等企业。",
     {("澜岸制药有限公司", "星河数字产业园"), (QIMING, "星河数字产业园")}, ""),
    ("澜岸新能源科技股份有限公司动力电池项目选址天府新区。", {("澜岸新能源科技股份有限公司", "四川天府新区")}, ""),
    ("星海大学新校区坐落于西咸新区。", {("星海大学", "陕西西咸新区")}, ""),
    ("启明光能有限公司在贵安新区投资建设的光伏组件项目正式投产。", {(QIMING, "贵州贵安新区")}, ""),
    ("去年，澜岸汽车零部件有限公司在长春新区建成投产。", {("澜岸汽车零部件有限公司", "长春新区")}, ""),
    ("澜岸资本管理有限公司成立于2015年，总部设在浦东新区。", {("澜岸资本管理有限公司", "上海浦东新区")}, ""),
    ("北港物流有限公司注册在舟山群岛新区，主要从事港口物流业务。", {(BEIGANG, "浙江舟山群岛新区")}, ""),
    ("云帆精密机械有限公司扎根金普新区二十年，已成长为行业龙头。", {("云帆精密机械有限公司", "大连金普新区")}, ""),
    ("启明光能有限公司在兰州新区布局光伏产业。", {(QIMING, "甘肃兰州新区")}, ""),
    ("星河数字产业园位于湘江新区核心区，规划面积3平方公里。", {("星河数字产业园", "湖南湘江新区")}, ""),
    ("星河数字产业园坐落于湘江新区，规划面积3平方公里。", {("星河数字产业园", "湖南湘江新区")}, ""),
    ("云帆数据科技有限公司入驻星河数字产业园。", {(YUNFAN, "星河数字产业园")}, ""),
    ("云帆数据科技有限公司、北港物流有限公司等12家企业集中入驻星河数字产业园。",
     {(YUNFAN, "星河数字产业园"), (BEIGANG, "星河数字产业园")}, ""),
    ("澜岸工业（中国）有限公司中国区总部落户浦东新区。", {("澜岸工业(中国)有限公司", "上海浦东新区")}, ""),
    ("澜岸制药有限公司生物医药产业化项目落地江北新区。", {("澜岸制药有限公司", "南京江北新区")}, ""),
    ("北港物流有限公司冷链物流项目在金普新区开工。", {(BEIGANG, "大连金普新区")}, ""),
    ("云帆数据科技有限公司在西海岸新区设立区域总部。", {(YUNFAN, "青岛西海岸新区")}, ""),
    ("云帆数据科技有限公司的生产基地设在福州新区。", {(YUNFAN, "福州新区")}, ""),
    ("星河数字产业园内，云帆数据科技有限公司的数据中心已建成投用。", {(YUNFAN, "星河数字产业园")}, ""),
    ("落户滇中新区的云帆数据科技有限公司、北港物流有限公司等企业已实现满产。",
     {(YUNFAN, DIANZHONG), (BEIGANG, DIANZHONG)}, ""),
    ("云帆数据科技有限公司落户滇中新区的第三年，营收翻了一番。", {(YUNFAN, DIANZHONG)}, ""),
    ("云帆数据科技有限公司与滇中新区签约，拟在星河科学城建设西南研发中心。", {(YUNFAN, "星河科学城")}, ""),
    ("今年以来，澜岸医疗器械有限公司、启明光能有限公司相继落户。",
     {("澜岸医疗器械有限公司", DIANZHONG), (QIMING, DIANZHONG)}, ZONE_TITLE),
    ("来自深圳的云帆数据科技有限公司落户滇中新区。", {(YUNFAN, DIANZHONG)}, ""),
    ("云帆数据科技有限公司是一家位于滇中新区的高新技术企业。", {(YUNFAN, DIANZHONG)}, ""),
    ("云帆数据科技有限公司位于滇中新区的生产基地已全面投产。", {(YUNFAN, DIANZHONG)}, ""),
    ("星河大学与位于滇中新区的云帆数据科技有限公司签署合作协议。", {(YUNFAN, DIANZHONG)}, ""),
    ("滇中新区引进的云帆数据科技有限公司智能终端项目已投产。", {(YUNFAN, DIANZHONG)}, ""),
    ("云帆数据科技有限公司在滇中新区举办新品发布会。", set(), ""),
    ("云帆数据科技有限公司在滇中新区的智能工厂已正式投产。", {(YUNFAN, DIANZHONG)}, ""),
    ("星河大学在滇中新区的研究院正式揭牌。", {(XINGHE, DIANZHONG)}, ""),
    ("云帆数据科技有限公司在滇中新区的投资持续增长。", set(), ""),
    ("云帆数据科技有限公司总部在浦东新区。", {(YUNFAN, "上海浦东新区")}, ""),
    ("滇中新区引进云帆数据科技有限公司智能终端项目。", {(YUNFAN, DIANZHONG)}, ""),
    ("滇中新区引进星河大学科研团队20个。", set(), ""),  # its people come, not the university
    ("活动现场，云帆数据科技有限公司智能终端项目、北港物流有限公司冷链物流项目签约落户滇中新区。",
     {(YUNFAN, DIANZHONG), (BEIGANG, DIANZHONG)}, ""),
    # a firm referred to again (这家企业, 该公司) settles where the later sentence says
    ("云帆数据科技有限公司成立于2015年。这家企业去年落户滇中新区。", {(YUNFAN, DIANZHONG)}, ""),
    ("云帆数据科技有限公司与星河大学签署合作协议。这家公司还将在滇中新区建设研发中心。", {(YUNFAN, DIANZHONG)}, ""),
    # a firm from elsewhere that signs with a zone is not located there
    ("来自深圳的云帆数据科技有限公司与滇中新区签署合作协议。", set(), ""),
    ("北京云帆数据科技有限公司与滇中新区签署合作协议。", set(), ""),
    ("星河大学表示，将在滇中新区设立研究院。", set(), ""),
    ("云帆数据科技有限公司负责人表示，将加快在滇中新区布局。", set(), ""),
]


@pytest.mark.parametrize("sentence,expected,title", LOCATION, ids=[f"loc{i:02d}" for i in range(len(LOCATION))])
def test_location_as_news_states_it(extractor, sentence, expected, title):
    assert _rels(_extract(extractor, sentence, title=title), "locatedIn") == expected


POSTS = [
    ("云南省委常委、昆明市委书记、滇中新区党工委书记柳青山出席会议并讲话。",
     {("柳青山", "云南省委", "省委常委"), ("柳青山", "昆明市委", "市委书记"), ("柳青山", "滇中新区党工委", "党工委书记")}),
    ("柳青山（滇中新区管委会主任）介绍了新区发展情况。", {("柳青山", "滇中新区管委会", "主任")}),
    ("韦江（云帆数据科技有限公司总经理）表示，公司将加大研发投入。", {("韦江", YUNFAN, "总经理")}),
    ("蓝启明，云帆数据科技有限公司董事长，长期深耕工业软件领域。", {("蓝启明", YUNFAN, "董事长")}),
    ("云帆数据科技有限公司董事长蓝启明表示，将加大在新区的投资力度。", {("蓝启明", YUNFAN, "董事长")}),
    ("滇中新区管委会副主任李晓峰在接受记者采访时表示，新区将持续优化营商环境。",
     {("李晓峰", "滇中新区管委会", "副主任")}),
    ("据云帆数据科技有限公司总裁蓝启明介绍，公司营收同比增长30%。", {("蓝启明", YUNFAN, "总裁")}),
    ("“新区的营商环境让我们很有信心。”云帆数据科技有限公司副总经理何秋云说。", {("何秋云", YUNFAN, "副总经理")}),
    ("云南省发展改革委一级巡视员孟书航出席会议。", {("孟书航", "云南省发展改革委", "一级巡视员")}),
    ("滇中新区管委会二级巡视员钱松出席。", {("钱松", "滇中新区管委会", "二级巡视员")}),
    ("滇中新区管委会党组成员、副主任韦江主持签约仪式。", {("韦江", "滇中新区管委会", "党组成员、副主任")}),
    ("星河大学校长白慕华、副校长孟书航出席签约仪式。", {("白慕华", XINGHE, "校长"), ("孟书航", XINGHE, "副校长")}),
    ("星河大学党委书记罗志远、校长白慕华一行到访滇中新区。", {("罗志远", XINGHE, "党委书记"), ("白慕华", XINGHE, "校长")}),
    ("星河大学副校长、云杉人工智能研究院院长罗志远介绍了研究院建设情况。",
     {("罗志远", XINGHE, "副校长"), ("罗志远", "云杉人工智能研究院", "院长")}),
    ("出席活动的有滇中新区党工委书记柳青山，管委会主任韦　江。",
     {("柳青山", "滇中新区党工委", "党工委书记"), ("韦江", "滇中新区管委会", "管委会主任")}),
    ("滇中新区党工委书记、管委会主任柳青山，党工委副书记何秋云，管委会副主任韦江等出席。",
     {("柳青山", "滇中新区党工委", "党工委书记"), ("柳青山", "滇中新区管委会", "管委会主任"),
      ("何秋云", "滇中新区党工委", "党工委副书记"), ("韦江", "滇中新区管委会", "管委会副主任")}),
    ("滇中新区经济发展局局长 孟书航 介绍了新区产业政策。", {("孟书航", "滇中新区经济发展局", "局长")}),
    ("滇中新区党工委书记柳青山会见了来访的云帆数据科技有限公司董事长蓝启明一行。",
     {("柳青山", "滇中新区党工委", "党工委书记"), ("蓝启明", YUNFAN, "董事长")}),
    ("北港物流有限公司总经理钱松介绍了项目进展。", {("钱松", BEIGANG, "总经理")}),
    ("云帆数据科技有限公司创始人、CEO蓝启明接受了记者采访。", {("蓝启明", YUNFAN, "创始人、CEO")}),
    ("云帆数据科技有限公司党委书记、董事长蓝启明致辞。", {("蓝启明", YUNFAN, "党委书记、董事长")}),
    ("星河大学党委常委、副校长孟书航主持仪式。", {("孟书航", XINGHE, "党委常委、副校长")}),
    ("滇中新区管委会主任柳青山、副主任韦江出席。",
     {("柳青山", "滇中新区管委会", "主任"), ("韦江", "滇中新区管委会", "副主任")}),
    ("滇中新区党工委副书记何秋云、星河大学校长白慕华分别致辞。",
     {("何秋云", "滇中新区党工委", "党工委副书记"), ("白慕华", XINGHE, "校长")}),
    ("昆明市人民政府副市长韦江出席。", {("韦江", "昆明市人民政府", "市人民政府副市长")}),
    ("滇中新区管委会副主任、新闻发言人韦江通报了有关情况。", {("韦江", "滇中新区管委会", "副主任、新闻发言人")}),
    ("星河大学教授罗志远团队研发的新技术在新区落地。", {("罗志远", XINGHE, "教授")}),
    ("滇中新区党工委委员、宣传部部长钱松出席。",
     {("钱松", "滇中新区党工委", "党工委委员"), ("钱松", "滇中新区党工委宣传部", "宣传部部长")}),
    ("滇中新区经济发展局党组书记、局长孟书航介绍。", {("孟书航", "滇中新区经济发展局", "党组书记、局长")}),
    # a bare 省委 in a chain with a city's 市委 is that city's province's, not the one named before
    ("广东省委副书记、深圳市委书记王海鹏，省委常委、哈尔滨市委书记李振东等参加签约仪式。",
     {("王海鹏", "广东省委", "省委副书记"), ("王海鹏", "深圳市委", "市委书记"),
      ("李振东", "黑龙江省委", "省委常委"), ("李振东", "哈尔滨市委", "市委书记")}),
    # a unit of a body: its own body, part of the whole
    ("国家发展改革委地区振兴司副司长罗志远，云南省发展改革委副主任韦江出席。",
     {("罗志远", "国家发展改革委地区振兴司", "副司长"), ("韦江", "云南省发展改革委", "副主任")}),
    ("云南省商务厅对外贸易处处长钱松介绍。", {("钱松", "云南省商务厅对外贸易处", "处长")}),
    # names without a post, and posts without a name
    ("王志刚、赵明远等领导出席活动。", set()),
    ("柳青山指出，要进一步优化营商环境。", set()),
    ("云帆数据科技有限公司相关负责人表示，项目将于年内投产。", set()),
    ("记者从滇中新区管委会获悉，新区今年已签约项目30个。", set()),
]


@pytest.mark.parametrize("sentence,expected", POSTS, ids=[f"post{i:02d}" for i in range(len(POSTS))])
def test_posts_as_news_states_them(extractor, sentence, expected):
    assert _posts(_extract(extractor, sentence)) == expected


def test_a_bare_organ_after_a_zones_chain_is_that_zones_in_an_article_about_it(extractor):
    ex = _extract(extractor, "新区党工委副书记、管委会常务副主任钱松主持推介会。", title=ZONE_TITLE)
    assert _posts(ex) == {("钱松", "滇中新区党工委", "党工委副书记"), ("钱松", "滇中新区管委会", "管委会常务副主任")}


def test_a_unit_of_a_central_body_named_as_written_is_part_of_it(extractor):
    ex = _extract(extractor, "国家发展改革委地区振兴司司长罗志远出席会议。")
    assert _posts(ex) == {("罗志远", "国家发展改革委地区振兴司", "司长")}
    assert ("国家发展改革委地区振兴司", "国家发展和改革委员会") in _rels(ex, "partOf")


def test_a_park_lying_in_a_zone_is_an_area_of_it_but_a_firm_is_not(extractor):
    ex = _extract(extractor, "星河数字产业园位于湘江新区核心区，规划面积3平方公里。")
    assert _rels(ex, "partOf") == {("星河数字产业园", "湖南湘江新区")}
    ex = _extract(extractor, "云帆数据科技有限公司位于湘江新区。")
    assert _rels(ex, "partOf") == set()
    ex = _extract(extractor, "星河数字产业园位于长沙市岳麓区。")  # a city's district holds it, no zone
    assert _rels(ex, "partOf") == set()
