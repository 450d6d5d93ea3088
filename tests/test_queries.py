"""The named research questions, ``zonegraph query``'s new options and ``zonegraph find``.

Every expected row below was checked against the text of the sample corpus
(``data/samples/``: invented texts, see its README), not copied from output: each comment
quotes or names the passage that makes the row true. Rows the texts state but extraction
does not yet produce are kept as ``xfail`` cases, so the gap stays visible.
"""
from __future__ import annotations

import re
import time

import pytest

from zonegraph.errors import QueryError
from zonegraph.sparql.find import rank_entities
from zonegraph.sparql.named import (get_named_query, load_named_queries, parse_named_query,
                                     parse_param_options)
from zonegraph.sparql.run import QueryTarget, literal_bindings, run_named, run_sparql
from zonegraph.sparql.text import (bind_inline, declared_prefixes, is_update, outer_group_start,
                                   tokens, uses_service, with_prefixes)
from zonegraph.sparql.worker import NotAcceptable, choose_media_type, syntax_message

from conftest import SAMPLES

LIBRARY = load_named_queries()
#: A query that never ends on the sample store: a three-way cross product (~10^10 rows).
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def target(sample_store) -> QueryTarget:
    return QueryTarget(store=sample_store.store)


def rows(target, name: str, **params) -> list[dict[str, str]]:
    """A named query's rows as {variable: value} with plain strings."""
    variables, terms = run_named(target, get_named_query(name, LIBRARY), params)
    return [{v: t.value for v, t in zip(variables, row) if t is not None} for row in terms]


def sample_text(name: str) -> str:
    return (SAMPLES / name).read_text(encoding="utf-8")


# ------------------------------------------------------------------ the library itself

def test_at_least_twelve_named_queries_covering_the_issue():
    assert len(LIBRARY) >= 12
    assert set(LIBRARY) >= {
        "zone-cooperation", "zone-partners", "zone-enterprises", "funds-by-size",
        "officials-by-organization", "policies-by-issuer", "zone-programs-events",
        "co-mentioned", "entity-articles", "multi-zone-entities", "document-contribution",
        "relation-evidence"}


@pytest.mark.parametrize("name", sorted(LIBRARY))
def test_every_named_query_has_a_complete_header(name):
    nq = LIBRARY[name]
    assert nq.title and nq.question.endswith(("?", ".")), nq.question
    assert nq.example.startswith(f"zonegraph query --named {name}")
    assert nq.columns
    required = {p.name for p in nq.parameters if not p.optional}
    assert required <= set(nq.example_params), "the example must be runnable"
    for p in nq.parameters:
        assert p.help
        # pyoxigraph substitutes only projected variables, and the remote VALUES binding
        # only reaches the outermost pattern: the parameter must be a result column
        assert re.search(rf"SELECT[^{{]*\?{p.variable}\b", nq.sparql, re.S), p.variable
    # self-contained: runs as is on any SPARQL server
    used = {t.text.split(":", 1)[0] for t in tokens(nq.sparql) if t.kind == "word" and ":" in t.text}
    assert used - {"http", "https"} <= declared_prefixes(nq.sparql)


@pytest.mark.parametrize("name", sorted(LIBRARY))
def test_every_example_answers_on_the_sample_corpus(target, name):
    nq = LIBRARY[name]
    assert rows(target, name, **nq.example_params), f"{name}: no rows for its own example"


def test_readme_lists_every_named_query():
    from conftest import REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for name in LIBRARY:
        assert f"| `{name}` |" in readme, name


def test_header_parsing_rejects_what_it_cannot_read():
    with pytest.raises(QueryError, match="Title"):
        parse_named_query("x", "SELECT * WHERE { ?s ?p ?o }")
    with pytest.raises(QueryError, match="bad Parameter"):
        parse_named_query("x", "# Title: t\n# Question: q?\n# Parameter: zone — no variable\n")
    with pytest.raises(QueryError, match="unknown flags"):
        parse_named_query("x", "# Title: t\n# Question: q?\n# Parameter: z (?z, sometimes) — h\n")
    nq = parse_named_query("x", "# Title: t\n# Question: q\n#   continued?\n"
                                "# Parameter: doc (?d, optional, document) — a file\n"
                                "#   name\n# Example: zonegraph query --named x --param doc='a b'\n"
                                "SELECT ?d WHERE { ?s ?p ?d }")
    assert nq.question == "q continued?"
    assert nq.parameters[0].kind == "document" and nq.parameters[0].optional
    assert nq.parameters[0].help == "a file name"
    assert nq.example_params == {"doc": "a b"}


# ------------------------------------------------------------------ expected rows

def test_zone_cooperation(target):
    got = {(r["zone1Name"], r["zone2Name"]): r for r in rows(target, "zone-cooperation")}
    pairs = {frozenset(p) for p in got}
    assert len(pairs) == len(got), "each pair of zones once"
    required = {
        frozenset({"重庆两江新区", "四川天府新区"}),  # 2023_q3: 签署战略合作框架协议
        frozenset({"上海浦东新区", "河北雄安新区"}),  # 2023_q3: 签署数字经济合作备忘录
        frozenset({"南京江北新区", "上海浦东新区"}),  # docx: 集成电路产业合作备忘录
        frozenset({"湖南湘江新区", "贵州贵安新区"}),  # 2024_q1: 算力协同发展合作协议
    }
    # pdf: 积极探索与上海浦东新区、重庆两江新区等国家级新区开展园区共建 (雄安 ↔ 两江, a plan)
    allowed = required | {frozenset({"河北雄安新区", "重庆两江新区"})}
    assert required <= pairs <= allowed
    lt = got.get(("重庆两江新区", "四川天府新区")) or got[("四川天府新区", "重庆两江新区")]
    # stated in the 2023_q3 article and again in the 2024_q1 one (二期项目是两江新区与天府新区…)
    assert int(lt["articles"]) == 2 and int(lt["evidence"]) >= 3
    for r in got.values():
        assert r["zone1Name"] != r["zone2Name"]
        assert int(r["planned"]) <= int(r["evidence"])


def test_zone_partners_with_sentences(target):
    got = rows(target, "zone-partners", zone="两江新区")
    partners = {r["partnerName"] for r in got}
    # 2023_q3: 两江新区与天府新区签署…; 两江新区管委会、天府新区管委会与成渝智能网联汽车研究院签署三方合作协议
    # 2024_q1: 渝联精密部件股份有限公司与两江新区管委会签订投资协议
    assert {"四川天府新区", "四川天府新区管委会", "成渝智能网联汽车研究院",
            "渝联精密部件股份有限公司"} <= partners
    # the zone's own organs are not its partners
    assert not {p for p in partners if p.startswith(("两江新区", "重庆两江新区"))}
    text = sample_text("newsletter_2023_q3.txt")
    sentences = {r["sentence"] for r in got if r["partnerName"] == "四川天府新区"}
    assert ("会上，两江新区与天府新区签署战略合作框架协议，双方将在产业链协同、科技创新、开放平台和"
            "公共服务等领域深化合作，携手共建成渝地区双城经济圈高质量发展先行区。") in sentences
    for r in got:
        assert r["file"] in {"newsletter_2023_q3.txt", "newsletter_2024_q1.txt"}
        if r["file"] == "newsletter_2023_q3.txt":
            assert r["sentence"] in text
        assert r["zoneName"] == "两江新区" and r["planned"] in ("true", "false")


def test_names_resolve_through_aliases(target):
    by_alias = rows(target, "zone-partners", zone="两江新区")
    by_label = rows(target, "zone-partners", zone="重庆两江新区")
    strip = lambda rs: sorted(tuple(sorted((k, v) for k, v in r.items() if k != "zoneName"))
                              for r in rs)  # noqa: E731
    assert by_alias and strip(by_alias) == strip(by_label)


def test_zone_enterprises(target):
    # docx: 金陵芯测半导体（南京）有限公司近日入驻江北新区研创园 — the only enterprise placed in 江北新区
    got = rows(target, "zone-enterprises", zone="江北新区")
    assert {(r["enterpriseName"], r["place"]) for r in got} == {
        ("金陵芯测半导体（南京）有限公司", "江北新区研创园")}
    assert all(r["file"] == "jiangbei_brief.docx" and "入驻江北新区研创园" in r["sentence"]
               for r in got)


@pytest.mark.parametrize("zone, enterprise", [
    ("两江新区", "长翼智行（重庆）科技有限公司"),  # 2023_q3: 长翼智行于 2022 年落户两江新区数字经济产业园
    ("天府新区", "蜀芯微电子股份有限公司"),  # 2023_q3: 入驻天府数智科技园。该园区位于天府新区成都直管区
    ("贵安新区", "黔云数据（贵安）有限公司"),  # 2024_q1: 黔云数据则入驻贵安综合保税区
])
def test_zone_enterprises_the_texts_also_state(target, zone, enterprise):
    assert enterprise in {r["enterpriseName"] for r in rows(target, "zone-enterprises", zone=zone)}


def test_funds_by_size(target):
    got = rows(target, "funds-by-size")
    sized = [(r["fundName"], int(float(r["amountCNY"])), float(r["amountYi"]))
             for r in got if "amountCNY" in r]
    # pdf: 总规模100亿元; 2023_q3: 总规模50亿元 (首期 20亿元); docx: 规模30亿元
    assert sized == [("雄安新区科技创新投资基金", 10_000_000_000, 100.0),
                     ("天府新区数字经济产业投资基金", 5_000_000_000, 50.0),
                     ("江北新区集成电路产业基金", 3_000_000_000, 30.0)]
    unsized = [i for i, r in enumerate(got) if "amountCNY" not in r]
    assert unsized == list(range(len(sized), len(got))), "funds of unknown size come last"
    jiangbei = next(r for r in got if r["fundName"] == "江北新区集成电路产业基金")
    assert "江北新区管委会" in jiangbei["launchedBy"]  # 江北新区管委会发布…并设立…产业基金


#: Posts as the texts write them (data/samples/README.md lists the same).
POSTS = {"王建国": "党工委副书记、管委会副主任", "刘海燕": "党工委委员、管委会副主任",
         "赵晓东": "科技创新和人才局负责人", "周晓梅": "总经理", "吴国栋": "董事长",
         "陈志远": "党工委委员、管委会副主任", "李明": "区委副书记、区长",
         "谭永辉": "党工委委员、管委会副主任", "邓文杰": "党工委委员、管委会副主任",
         "钱永康": "总经理", "何文静": "党工委委员、管委会副主任", "郑春华": "党工委委员、管委会副主任"}


def test_officials_by_organization(target):
    got = rows(target, "officials-by-organization")
    for r in got:  # every post is one the texts give that person
        assert r["personName"] in POSTS and r["title"] in POSTS[r["personName"]], r
    seen = {(r["personName"], r["organizationName"]) for r in got}
    for person, org in [("王建国", "两江新区管委会"), ("刘海燕", "天府新区管委会"),
                        ("陈志远", "西咸新区管委会"), ("谭永辉", "湘江新区管委会"),
                        ("邓文杰", "贵安新区管委会"), ("何文静", "江北新区管委会"),
                        ("郑春华", "雄安新区管委会")]:
        assert any(p == person and org in o for p, o in seen), (person, org)
    names = [r["organizationName"] for r in got]
    assert names == sorted(names), "ordered by organization"


def test_officials_of_one_zone_include_its_organs(target):
    # 天府新区's officials in the texts: 刘海燕 (党工委委员、管委会副主任) and 赵晓东
    # (天府新区科技创新和人才局负责人); nobody else holds a post in a 天府 organ
    got = rows(target, "officials-by-organization", org="天府新区")
    assert {r["personName"] for r in got} == {"刘海燕", "赵晓东"}
    assert all(r["orgName"] == "天府新区" for r in got)


def test_policies_by_issuer_in_date_order(target):
    got = rows(target, "policies-by-issuer")
    triples = {(r["policyName"], r["issuerLabel"], r.get("issued")) for r in got}
    for policy, issuer, date in [
            ("四川天府新区支持数字经济高质量发展若干措施", "天府新区管委会", "2023-03-18"),  # 3月18日, 2023_q3
            ("南京江北新区促进集成电路产业高质量发展若干政策", "江北新区管委会", "2024-01-05"),  # 1月5日, docx
            ("湖南湘江新区算力产业发展三年行动方案（2024—2026年）", "湘江新区管委会", "2024-01-25")]:
        assert any(p == policy and issuer in i and d == date for p, i, d in triples), policy
    assert any(p == "雄安新区支持疏解企业高质量发展若干措施" and "雄安新区管委会" in i
               for p, i, _ in triples)  # pdf: 雄安新区管委会印发《…》
    dates = [r["issued"] for r in got if "issued" in r]
    assert dates == sorted(dates)
    assert [i for i, r in enumerate(got) if "issued" not in r] == list(range(len(dates), len(got)))
    only = rows(target, "policies-by-issuer", issuer="江北新区")
    assert {r["policyName"] for r in only} == {"南京江北新区促进集成电路产业高质量发展若干政策"}


def test_policy_date_of_the_xiongan_measures(target):
    got = rows(target, "policies-by-issuer", issuer="雄安新区")
    assert {r.get("issued") for r in got} == {"2023-06-12"}


def test_zone_programs_and_events(target):
    def items(zone):
        return {r["itemName"]: r for r in rows(target, "zone-programs-events", zone=zone)}

    # 2023_q3: 天府新区同步实施“天府数智英才计划” (done, not planned)
    tianfu = items("天府新区")
    assert tianfu["天府数智英才计划"]["type"] == "Program"
    assert tianfu["天府数智英才计划"]["planned"] == "false"
    # 2023_q3: 西咸新区将实施“先进制造强链行动” (a plan)
    xixian = items("西咸新区")
    assert xixian["先进制造强链行动"]["planned"] == "true"
    # pdf: 2024年雄安新区将…同时办好2024雄安新区招商推介大会
    xiongan = items("雄安")
    assert xiongan["2024雄安新区招商推介大会"]["type"] == "Event"


def test_planned_event_is_flagged_as_planned(target):
    got = {r["itemName"]: r for r in rows(target, "zone-programs-events", zone="雄安")}
    assert got["2024雄安新区招商推介大会"]["planned"] == "true"


def test_co_mentioned(target):
    got = {r["otherName"]: r for r in rows(target, "co-mentioned",
                                            entity="成都蓉芯微电子有限公司")}
    # 成都蓉芯 is named in two articles (2023_q3 #1, 2024_q1 #1); both also name these
    for name in ("长翼智行（重庆）科技有限公司", "重庆两江新区", "四川天府新区", "王建国",
                 "两江新区数字经济产业园"):
        assert int(got[name]["articles"]) == 2, name
    assert "成都蓉芯微电子有限公司" not in got
    assert max(int(r["articles"]) for r in got.values()) == 2
    counts = [int(r["articles"]) for r in got.values()]
    assert counts == sorted(counts, reverse=True)


def test_entity_articles(target):
    got = rows(target, "entity-articles", entity="蜀芯微电子股份有限公司")
    # named in 2023_q3 (天府 article), 2024_q1 (天府 fund article) and the html page
    assert [(r["date"], r["file"]) for r in got] == [
        ("2023-09-15", "newsletter_2023_q3.txt"), ("2024-02-20", "newsletter_2024_q1.txt"),
        ("2024-03-12", "tianfu_news.html")]
    assert got[0]["title"].startswith("天府新区出台《支持数字经济高质量发展若干措施》")
    assert got[2]["source"] == "天府新区融媒体中心"


def test_entity_relations(target):
    got = {(r["relation"], r["otherName"]): r
           for r in rows(target, "entity-relations", entity="天府新区管委会")}
    assert got[("partOf", "四川天府新区")]["direction"] == "out"
    assert got[("memberOf", "刘海燕")]["direction"] == "in"  # 天府新区党工委委员、管委会副主任刘海燕
    assert got[("issuedBy", "四川天府新区支持数字经济高质量发展若干措施")]["direction"] == "in"
    # html: 天府新区管委会与天府数智计算实验室签署共建协议; 2023_q3: the three-party agreement
    for partner in ("天府数智计算实验室", "重庆两江新区管委会", "成渝智能网联汽车研究院"):
        assert int(got[("cooperatesWith", partner)]["evidence"]) >= 1


def test_multi_zone_entities(target):
    got = {r["entityName"]: r for r in rows(target, "multi-zone-entities")}
    # 2023_q3: 两江新区管委会、天府新区管委会与成渝智能网联汽车研究院签署三方合作协议
    assert set(got["成渝智能网联汽车研究院"]["zones"].split(" / ")) == {"重庆两江新区", "四川天府新区"}
    # what the texts tie to two zones (by name part, as labels vary with extraction);
    # 2024_q1: 星城算力 (总部位于湘江新区) cooperates with 黔云数据 (入驻贵安综合保税区), so
    # each is tied to its own zone and, through the other, to the partner's; "两区还将联合
    # 湘江新区智能计算研究院和贵州大学" ties both to the two zones (两区 = 湘江 and 贵安)
    allowed = ("成渝智能网联汽车研究院", "雄安新区数字城市研究院", "浦江智链", "湘黔算力走廊",
               "星城算力", "黔云数据", "湘江新区智能计算研究院", "贵州大学",
               "双区联动", "协同发展联席会议", "数字产业对接大会", "产业合作座谈会", "智博会",
               "中国国际智能产业博览会")
    for name, r in got.items():
        assert any(a in name for a in allowed), name
        zones = r["zones"].split(" / ")
        assert int(r["zoneCount"]) == len(set(zones)) >= 2
        assert r.get("type") != "Zone"


def test_document_contribution(target, sample_store):
    import docx

    got = rows(target, "document-contribution", document="jiangbei_brief.docx")
    relations = {(r["subjectName"], r["what"], r["objectName"]) for r in got if r["kind"] == "relation"}
    for triple in [("金陵芯测半导体（南京）有限公司", "locatedIn", "江北新区研创园"),  # 入驻江北新区研创园
                   ("何文静", "memberOf", "南京江北新区管委会"),  # 江北新区党工委委员、管委会副主任何文静
                   ("南京江北新区促进集成电路产业高质量发展若干政策", "issuedBy", "南京江北新区管委会")]:
        assert triple in relations, triple
    # 江北新区将与上海浦东新区深化集成电路产业协同 (the zone, or one of its organs)
    assert any(p == "cooperatesWith" and {s, o} & {"上海浦东新区"} and "江北新区" in s + o
               for s, p, o in relations)
    # only what this file names: every entity's name (or an alias) is in the docx text
    text = "".join(p.text for p in docx.Document(SAMPLES / "jiangbei_brief.docx").paragraphs)
    text = re.sub(r"[“”《》]", "", text)
    entities = {r["subject"] for r in got if r["kind"] == "entity"}
    assert len(entities) >= 8
    variables, names = run_sparql(target, "SELECT ?e ?n WHERE { ?e rdfs:label|skos:altLabel ?n }")
    by_entity: dict[str, set[str]] = {}
    for e, n in names:
        by_entity.setdefault(e.value, set()).add(n.value)
    for e in entities:
        assert any(n in text for n in by_entity[e]), by_entity[e]
    assert "重庆两江新区" not in {r["subjectName"] for r in got}
    by_sha = rows(target, "document-contribution",
                  document=_sha_of(target, "jiangbei_brief.docx"))
    assert len(by_sha) == len(got)


def _sha_of(target, file_name: str) -> str:
    _, terms = run_sparql(target, "SELECT ?sha ?f WHERE { ?d zg:fileName ?f ; zg:sha256 ?sha }",
                          literal_bindings({"f": file_name}))
    return terms[0][0].value


def test_relation_evidence(target):
    got = rows(target, "relation-evidence", subject="两江新区", object="天府新区")
    assert {r["relationName"] for r in got} == {"cooperatesWith"}
    text = sample_text("newsletter_2023_q3.txt")
    files = set()
    for r in got:
        files.add(r["file"])
        if r["file"] == "newsletter_2023_q3.txt":
            # the offsets point at the sentence in the original text
            assert text[int(r["start"]):int(r["end"])].replace("\n", "") == r["sentence"]
        assert 0 < float(r["confidence"]) <= 1 and r["rule"]
    assert files == {"newsletter_2023_q3.txt", "newsletter_2024_q1.txt"}
    assert any(r["sentence"].startswith("会上，两江新区与天府新区签署战略合作框架协议") for r in got)
    # either direction, and the relation filter
    reverse = rows(target, "relation-evidence", subject="天府新区", object="两江新区")
    assert {r["evidence"] for r in reverse} == {r["evidence"] for r in got}
    assert len(rows(target, "relation-evidence", subject="两江新区", object="天府新区",
                    relation="cooperatesWith")) == len(got)
    assert rows(target, "relation-evidence", subject="两江新区", object="天府新区",
                relation="memberOf") == []


def test_zones(target):
    got = {r["zoneName"]: r for r in rows(target, "zones")}
    # the eight zones the corpus writes about (data/samples/README.md)
    assert set(got) == {"重庆两江新区", "四川天府新区", "陕西西咸新区", "上海浦东新区", "河北雄安新区",
                        "湖南湘江新区", "贵州贵安新区", "南京江北新区"}
    assert "两江新区" in got["重庆两江新区"]["aliases"].split(" / ")
    assert got["重庆两江新区"]["approved"] == "2010-05-05"
    assert int(got["四川天府新区"]["articles"]) == 5  # 2023_q3 ×2, 2024_q1 ×2, html


# ------------------------------------------------------------------ parameters and errors

def test_parameters_are_data_not_query_text(target):
    hostile = '两江新区" } UNION { ?zone ?p ?o } #'
    with pytest.raises(QueryError, match="no entity is called"):
        rows(target, "zone-partners", zone=hostile)
    # the same text as a VALUES row for a remote endpoint is one escaped literal
    import pyoxigraph as ox

    sparql = bind_inline("SELECT ?n WHERE { ?e rdfs:label ?n }", {"n": str(ox.Literal(hostile))})
    variables, got = run_sparql(target, sparql)
    assert got == []


@pytest.mark.parametrize("call, message", [
    (lambda t: rows(t, "zone-partnrs"), "did you mean zone-partners"),
    (lambda t: rows(t, "zone-partners"), "needs --param zone="),
    (lambda t: rows(t, "zone-partners", zone="  "), "needs --param zone="),
    (lambda t: rows(t, "zone-partners", zone="两江新区", colour="red"), "has no parameter 'colour'"),
    (lambda t: rows(t, "zone-partners", zone="两江"), "no entity is called '两江'"),
    (lambda t: rows(t, "document-contribution", document="nope.txt"), "no document is called"),
])
def test_named_query_errors_are_one_line(target, call, message):
    with pytest.raises(QueryError) as info:
        call(target)
    assert message in str(info.value)
    assert "\n" not in str(info.value)


def test_param_options():
    assert parse_param_options(["zone=两江新区", "x=a=b"]) == {"zone": "两江新区", "x": "a=b"}
    for bad in (["zone"], ["=x"], ["a=1", "a=2"]):
        with pytest.raises(QueryError):
            parse_param_options(bad)


# ------------------------------------------------------------------ sparql_text

def test_tokens_skip_comments_strings_and_iris():
    text = '# SERVICE in a comment\nSELECT * WHERE { ?s ?p "SERVICE \\" {" . ?s <x:SERVICE> ?o }'
    assert not uses_service(text)
    assert uses_service("SELECT * WHERE { service <http://x/> { ?s ?p ?o } }")
    assert not uses_service("SELECT ?service WHERE { ?service zg:service ?o }")
    kinds = [t.kind for t in tokens('"""a\n"b"""  \'c\' <http://x> ?v $w')]
    assert kinds == ["string", "string", "iri", "var", "var"]


@pytest.mark.parametrize("sparql, before", [
    ("SELECT ?x WHERE { ?x ?p ?o }", "WHERE {"),
    ("select * { ?x ?p ?o }", "* {"),
    ("ASK { ?x ?p ?o }", "ASK {"),
    ("CONSTRUCT { ?x ?p ?o } WHERE { ?x ?p ?o }", "WHERE {"),
    ("CONSTRUCT { ?x ?p ?o } { ?x ?p ?o }", "} {"),
    ("DESCRIBE ?x WHERE { ?x ?p ?o }", "WHERE {"),
    ("PREFIX a: <x:{}> # {\nSELECT ?x WHERE { { SELECT ?x WHERE { ?x ?p ?o } } }", "?x WHERE {"),
])
def test_outer_group_start(sparql, before):
    at = outer_group_start(sparql)
    assert sparql[:at].endswith(before)


def test_bind_inline_needs_a_where_clause():
    with pytest.raises(QueryError, match="no WHERE"):
        bind_inline("DESCRIBE <x:a>", {"v": '"1"'})
    assert bind_inline("DESCRIBE <x:a>", {}) == "DESCRIBE <x:a>"


def test_with_prefixes_adds_only_what_is_missing():
    prefixes = {"zg": "https://w3id.org/zonegraph/ontology#", "rdfs": "http://rdfs#",
                "owl": "http://owl#"}
    out = with_prefixes("PREFIX rdfs: <http://other#>\nSELECT * { ?s zg:x ?o ; rdfs:label ?l }",
                        prefixes)
    assert out.startswith("PREFIX zg: <https://w3id.org/zonegraph/ontology#>\n")
    assert "PREFIX owl" not in out and out.count("PREFIX rdfs") == 1


def test_is_update():
    assert is_update("PREFIX a: <x:>\nINSERT DATA { a:a a:b a:c }")
    assert is_update("delete where { ?s ?p ?o }")
    assert not is_update("PREFIX a: <x:> SELECT * WHERE { ?s ?p ?o }")
    assert not is_update("# INSERT\nASK {}")


def test_media_type_negotiation():
    assert choose_media_type("solutions", []) == "application/sparql-results+json"
    assert choose_media_type("solutions", ["text/csv", "*/*"]) == "text/csv"
    assert choose_media_type("boolean", ["text/*"]) == "text/csv"
    assert choose_media_type("graph", ["*/*"]) == "text/turtle"
    assert choose_media_type("graph", ["application/ld+json"]) == "application/ld+json"
    with pytest.raises(NotAcceptable):
        choose_media_type("graph", ["text/csv"])


def test_syntax_message_names_the_position():
    assert syntax_message("error at 3:2: expected OPTIONAL") == \
        "malformed query at line 3, column 2: expected OPTIONAL"
    assert syntax_message("something else") == "malformed query: something else"


# ------------------------------------------------------------------ the command line

def test_query_list_shows_every_named_query(run_cli):
    result = run_cli("query", "--list")
    assert result.exit_code == 0, result.output
    for name, nq in LIBRARY.items():
        assert name in result.stdout and nq.title in result.stdout


def test_query_named_from_the_command_line(sample_store, run_cli):
    import json

    result = run_cli("query", "--store", sample_store.store, "--named", "zone-partners",
                     "--param", "zone=两江新区", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert "partnerName" in data["head"]["vars"]
    assert "四川天府新区" in {b["partnerName"]["value"] for b in data["results"]["bindings"]}


def test_query_params_bind_variables_of_a_plain_query(sample_store, run_cli):
    result = run_cli("query", "--store", sample_store.store, "--format", "csv", "--param",
                     "n=两江新区", "SELECT ?e ?n WHERE { ?e skos:altLabel ?alt FILTER (STR(?alt) = ?n) }")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1:] == [
        "https://w3id.org/zonegraph/id/zone/liangjiang,两江新区"]


@pytest.mark.parametrize("args, words", [
    (("--named", "nope"), ("no named query 'nope'",)),
    (("--named", "zone-partners"), ("needs --param zone=",)),
    (("--named", "zone-partners", "--param", "zone"), ("expected NAME=VALUE",)),
    (("--named", "zones", "SELECT * {}"), ("not both",)),
    (("SELECT ?x WHERE {\n ?x ?y }",), ("malformed query at line 2, column",)),
])
def test_query_errors_are_one_line(sample_store, run_cli, args, words):
    result = run_cli("query", "--store", sample_store.store, *args)
    assert result.exit_code == 1, result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), lines
    for w in words:
        assert w in lines[0]


def test_timeout_stops_a_runaway_query(sample_store, run_cli):
    started = time.monotonic()
    result = run_cli("query", "--store", sample_store.store, "--timeout", "1", RUNAWAY)
    assert time.monotonic() - started < 15
    assert result.exit_code == 1
    assert result.stderr.strip() == "error: query timed out after 1 s"


def test_timeout_gives_the_same_answer_when_in_time(sample_store, target):
    plain = rows(target, "zone-partners", zone="两江新区")
    timed = rows(QueryTarget(store=sample_store.store, timeout=30), "zone-partners",
                 zone="两江新区")
    assert timed == plain
    assert run_sparql(QueryTarget(store=sample_store.store, timeout=30),
                      "ASK { ?z a zg:Zone }") is True
    triples = run_sparql(QueryTarget(store=sample_store.store, timeout=30),
                         "CONSTRUCT { ?z a zg:Zone } WHERE { ?z a zg:Zone }")
    assert len(triples) == 8


def test_timeout_errors(sample_store, tmp_path):
    with pytest.raises(QueryError, match="positive"):
        QueryTarget(store=sample_store.store, timeout=0)
    with pytest.raises(QueryError, match="malformed query at line 1"):
        run_sparql(QueryTarget(store=sample_store.store, timeout=10), "SELEC ?x")
    from zonegraph.errors import StoreError

    with pytest.raises(StoreError, match="no graph store"):
        run_sparql(QueryTarget(store=tmp_path / "none", timeout=10), "ASK {}")


# ------------------------------------------------------------------ find

def test_find_lists_matches_by_any_alias(sample_store, run_cli):
    result = run_cli("find", "科技", "--store", sample_store.store, "--format", "tsv")
    assert result.exit_code == 0, result.output
    lines = [line.split("\t") for line in result.stdout.splitlines()]
    assert lines[0][:5] == ["match", "name", "type", "articles", "relations"]
    found = {row[1]: row for row in lines[1:]}
    # names with 科技 in them, from the texts
    assert {"天府数智科技园", "燕赵星链卫星科技有限公司", "长翼智行（重庆）科技有限公司"} <= set(found)
    assert found["天府数智科技园"][2] == "Park" and found["天府数智科技园"][0] == "contains"
    assert all(row[0] in ("exact", "prefix", "contains", "fuzzy") for row in lines[1:])


def test_find_ranks_exact_prefix_contains_fuzzy(sample_store):
    from zonegraph.sparql.find import find_entities

    target = QueryTarget(store=sample_store.store)
    matches = find_entities(target, "两江新区", limit=None)
    assert matches[0].label == "重庆两江新区" and matches[0].rank == "exact"
    assert matches[0].matched == "两江新区" and matches[0].types == ("Zone",)
    assert matches[0].articles == 3  # 2023_q3 #1, 2024_q1 #1, pdf
    ranks = [m.rank for m in matches]
    assert ranks == sorted(ranks, key=("exact", "prefix", "contains", "fuzzy").index)
    assert "重庆两江新区管委会" in {m.label for m in matches if m.rank == "prefix"}
    # traditional script finds the simplified name
    assert find_entities(target, "兩江新區")[0].label == "重庆两江新区"
    # a typo still finds it, as a fuzzy match
    typo = find_entities(target, "两江新去")
    assert typo and typo[0].label == "重庆两江新区" and typo[0].rank == "fuzzy"
    assert {m.types for m in find_entities(target, "新区", entity_type="zone")} == {("Zone",)}


def test_rank_entities_orders_within_a_rank_by_what_the_graph_knows():
    rows_ = [
        {"entity": "a", "label": "甲科技园", "name": "甲科技园", "type": "Park", "articles": 1, "relations": 0},
        {"entity": "b", "label": "乙科技有限公司", "name": "乙科技有限公司", "type": "Enterprise",
         "articles": 4, "relations": 2},
        {"entity": "c", "label": "科技局", "name": "科技局", "type": "GovernmentBody", "articles": 0, "relations": 0},
        {"entity": "d", "label": "科技", "name": "科技", "type": "Program", "articles": 0, "relations": 0},
    ]
    got = rank_entities("科技", rows_)
    assert [(m.entity, m.rank) for m in got] == [("d", "exact"), ("c", "prefix"),
                                                 ("b", "contains"), ("a", "contains")]
    with pytest.raises(QueryError):
        rank_entities(" ", rows_)


def test_find_errors(sample_store, run_cli):
    result = run_cli("find", "完全没有这个名字的东西", "--store", sample_store.store)
    assert result.exit_code == 1
    assert result.stderr.strip().startswith("error: no entity has a name like")


def test_a_store_kept_open_between_queries_still_sees_each_build_and_removal(tmp_path, run_cli):
    """``run_sparql`` keeps the store open in the process; what a build or a removal
    publishes afterwards is in the next answer all the same."""
    import shutil
    from pathlib import Path

    from zonegraph.store.access import forget_shared, shared_read_only

    samples = Path(__file__).resolve().parent.parent / "data" / "samples"
    docs, store = tmp_path / "docs", tmp_path / "store"
    docs.mkdir()
    shutil.copy(samples / "newsletter_2023_q3.txt", docs)
    assert run_cli("build", docs / "newsletter_2023_q3.txt", "--store", store).exit_code == 0
    target = QueryTarget(store=store)
    files = "SELECT ?f WHERE { ?d a zg:Document ; zg:fileName ?f } ORDER BY ?f"
    zone_partners = get_named_query("zone-partners", LIBRARY)

    def names():
        return [row[0].value for row in run_sparql(target, files)[1]]

    try:
        assert names() == ["newsletter_2023_q3.txt"]
        assert shared_read_only(store) is shared_read_only(store)  # opened once
        before = run_named(target, zone_partners, {"zone": "两江新区"})[1]
        shutil.copy(samples / "newsletter_2024_q1.txt", docs)
        assert run_cli("build", docs / "newsletter_2024_q1.txt", "--store", store).exit_code == 0
        assert names() == ["newsletter_2023_q3.txt", "newsletter_2024_q1.txt"]
        assert len(run_named(target, zone_partners, {"zone": "两江新区"})[1]) > len(before)
        assert run_cli("remove", "newsletter_2023_q3.txt", "--store", store).exit_code == 0
        assert names() == ["newsletter_2024_q1.txt"]
    finally:
        forget_shared(store)
