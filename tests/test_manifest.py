"""Corpus manifests, web pages' own metadata, and what date cuts leave out (issue 19).

A researcher's corpus is a folder of saved pages and texts plus a list from the crawler:
file, URL, date, outlet. These tests build invented documents (sentences written for
them) with such lists and check what reaches the graph, which value wins, and that the
URL is shown where a report cites a sentence. Every build runs the real command.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from zonegraph.ingest.manifest import Given, iso_date, web_url

#: Invented texts: the first gives its own date in a masthead line, the second none.
DATED_TEXT = "2022年1月2日\n重庆两江新区与四川天府新区签署合作协议，共同推进跨区域产业协同发展。\n"
UNDATED_TEXT = "上海浦东新区与天津滨海新区签署合作协议，共建科技创新平台，推动两地协同发展。\n"
OTHER_TEXT = "湖南湘江新区与贵州贵安新区签署合作协议，共建数字经济产业园，推动算力资源共享。\n"
PAGE = """<html><head><title>两江新区与天府新区深化合作</title>
<meta property="og:site_name" content="示例新闻网">
<link rel="canonical" href="https://news.example.cn/2024/0305/a1.html">
<meta property="article:published_time" content="2024-03-05T08:00:00+08:00">
</head><body><article><p>2023年5月6日，重庆两江新区与四川天府新区签署合作协议，
共同推进跨区域产业协同发展。双方将共建创新平台，推动成果转化。</p></article></body></html>"""
BARE_PAGE = """<html><body><article><p>上海浦东新区与天津滨海新区签署合作协议，共建科技创新平台，
推动两地协同发展。双方还将互派干部交流学习。</p></article></body></html>"""


def corpus(tmp_path: Path, **files: str) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def articles(store: Path) -> dict[str, dict]:
    """file name → the article's date, its datatype, source, url, textDate, dateFrom,
    sourceFrom (each article here is its file's only one)."""
    from zonegraph.store.graph_store import GraphStore

    with GraphStore(store, read_only=True) as gs:
        rows = gs.select("""
            SELECT ?file ?date ?type ?source ?url ?textDate ?dateFrom ?sourceFrom WHERE {
              ?a a zg:Article ; zg:inDocument/zg:fileName ?file .
              OPTIONAL { ?a dcterms:date ?date BIND (DATATYPE(?date) AS ?type) }
              OPTIONAL { ?a dcterms:source ?source } OPTIONAL { ?a schema:url ?url }
              OPTIONAL { ?a zg:textDate ?textDate } OPTIONAL { ?a zg:dateFrom ?dateFrom }
              OPTIONAL { ?a zg:sourceFrom ?sourceFrom } }""")
    out = {}
    for r in rows:
        assert r["file"] not in out, f"{r['file']}: more than one article or value"
        out[r["file"]] = r
    return out


def warnings(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("warning: ")]


# ------------------------------------------------------------------ values

def test_dates_and_urls_a_manifest_may_give():
    assert iso_date("2024-03-05") == "2024-03-05"
    assert iso_date("2024/3/5") == "2024-03-05"
    assert iso_date("2024-03-05T08:00:00+08:00") == "2024-03-05"
    assert iso_date("2024-3") == "2024-03"
    assert iso_date("2024-02-30") is None and iso_date("2024-13") is None
    assert iso_date("March 2024") is None and iso_date("") is None
    assert web_url("https://example.cn/a?b=1&c=2") == "https://example.cn/a?b=1&c=2"
    for bad in ("javascript:alert(1)", "file:///etc/passwd", "https://x.cn/a b",
                'https://x.cn/"><script>', "example.cn/a"):
        assert web_url(bad) is None, bad


def test_given_values_win_field_by_field_and_keep_their_origin():
    option = Given(date="2024-01-02", origin={"date": "option"})
    row = Given(date="2023-05-06", url="https://example.cn/a", origin={"date": "manifest",
                                                                       "url": "manifest"})
    both = option.over(row)
    assert (both.date, both.url) == ("2024-01-02", "https://example.cn/a")
    assert both.origin == {"date": "option", "url": "manifest"}
    assert Given().digest() == "" and row.digest() != both.digest()


# ------------------------------------------------------------------ manifests

def _check_manifest_build(result, store: Path) -> None:
    """What both manifest formats below must give: the good rows used, the bad values and
    rows reported one line each, and the build finished."""
    assert result.exit_code == 0, result.output
    assert "3 built" in result.stdout
    got = articles(store)
    a = got["a.txt"]
    assert (a["date"], a["source"], a["url"]) == ("2024-03-05", "经济日报",
                                                  "https://example.cn/news/a.html")
    assert a["dateFrom"] == a["sourceFrom"] == "manifest"
    assert a["textDate"] == "2022-01-02"  # the text's own date is kept beside the manifest's
    b = got["b.txt"]  # a year-month
    assert b["date"] == "2024-04" and b["type"].endswith("#gYearMonth")
    c = got["c.txt"]  # bad date: not used, the row's URL still is; the duplicate row is not
    assert "date" not in c and c["url"] == "https://example.cn/news/c.html"
    lines = warnings(result)
    assert len(lines) == 4, lines
    assert any("bad date" in ln and "c.txt" in ln and "2024-02-30" in ln for ln in lines)
    assert any("missing.txt" in ln and "no such file" in ln for ln in lines)
    assert any("c.txt listed twice" in ln for ln in lines)
    assert any("unknown column" in ln and "crawler_id" in ln for ln in lines)


def _manifest_rows():
    return [
        {"file": "a.txt", "url": "https://example.cn/news/a.html", "date": "2024-03-05",
         "source": "经济日报", "crawler_id": "1"},
        {"file": "b.txt", "date": "2024-04", "crawler_id": "2"},
        {"file": "c.txt", "url": "https://example.cn/news/c.html", "date": "2024-02-30"},
        {"file": "missing.txt", "url": "https://example.cn/news/m.html"},
        {"file": "c.txt", "url": "https://example.cn/news/c-again.html"},
    ]


def test_csv_manifest(tmp_path, run_cli):
    folder = corpus(tmp_path, **{"a.txt": DATED_TEXT, "b.txt": UNDATED_TEXT, "c.txt": OTHER_TEXT})
    import csv

    manifest = tmp_path / "list.csv"
    with manifest.open("w", encoding="utf-8-sig", newline="") as fh:  # as Excel saves it
        writer = csv.DictWriter(fh, ["file", "url", "date", "source", "crawler_id"])
        writer.writeheader()
        for row in _manifest_rows():
            writer.writerow({**row, "file": f"corpus/{row['file']}"})
    result = run_cli("build", folder, "--manifest", manifest, "--store", tmp_path / "store")
    _check_manifest_build(result, tmp_path / "store")


def test_json_lines_manifest_naming_files_by_name(tmp_path, run_cli):
    folder = corpus(tmp_path, **{"a.txt": DATED_TEXT, "b.txt": UNDATED_TEXT, "c.txt": OTHER_TEXT})
    manifest = tmp_path / "crawl.jsonl"
    manifest.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in _manifest_rows()),
                        encoding="utf-8")
    result = run_cli("build", folder, "--manifest", manifest, "--store", tmp_path / "store")
    _check_manifest_build(result, tmp_path / "store")


def test_a_folders_own_manifest_is_used_without_the_option(tmp_path, run_cli):
    folder = corpus(tmp_path, **{"a.txt": DATED_TEXT})
    (folder / "zonegraph-manifest.csv").write_text(
        "file,url,date,source\na.txt,https://example.cn/a,2021-07-01,示例日报\n", encoding="utf-8")
    result = run_cli("build", folder, "--store", tmp_path / "store")
    assert result.exit_code == 0 and warnings(result) == []
    named_too = run_cli("build", folder, "--manifest", folder / "zonegraph-manifest.csv",
                        "--store", tmp_path / "store")  # read once, not twice
    assert named_too.exit_code == 0 and warnings(named_too) == []
    a = articles(tmp_path / "store")["a.txt"]
    assert (a["date"], a["source"], a["url"]) == ("2021-07-01", "示例日报", "https://example.cn/a")


def test_a_manifest_without_a_file_column_is_a_warning_and_an_unreadable_one_an_error(
        tmp_path, run_cli):
    folder = corpus(tmp_path, **{"a.txt": DATED_TEXT})
    bad = tmp_path / "bad.csv"
    bad.write_text("name,url\na.txt,https://example.cn/a\n", encoding="utf-8")
    result = run_cli("build", folder, "--manifest", bad, "--store", tmp_path / "store")
    assert result.exit_code == 0 and "1 built" in result.stdout
    assert any("no 'file' column" in ln for ln in warnings(result))
    assert "url" not in articles(tmp_path / "store")["a.txt"]
    gone = run_cli("build", folder, "--manifest", tmp_path / "nope.csv", "--store", tmp_path / "s2")
    assert gone.exit_code != 0 and "Traceback" not in gone.output
    assert not (tmp_path / "s2").exists()


def test_a_changed_manifest_row_rebuilds_the_unchanged_file(tmp_path, run_cli):
    folder = corpus(tmp_path, **{"a.txt": DATED_TEXT, "b.txt": UNDATED_TEXT})
    manifest = tmp_path / "m.csv"
    manifest.write_text("file,date\ncorpus/a.txt,2024-03-05\n", encoding="utf-8")
    store = tmp_path / "store"
    assert "2 built" in run_cli("build", folder, "--manifest", manifest, "--store", store).stdout
    again = run_cli("build", folder, "--manifest", manifest, "--store", store)
    assert "0 built, 2 unchanged" in again.stdout
    manifest.write_text("file,date\ncorpus/a.txt,2024-06-01\n", encoding="utf-8")
    changed = run_cli("build", folder, "--manifest", manifest, "--store", store)
    assert "1 built, 1 unchanged" in changed.stdout
    assert articles(store)["a.txt"]["date"] == "2024-06-01"  # replaced, not added to
    assert run_cli("validate", "--store", store).exit_code == 0


def test_parallel_build_with_a_manifest_gives_the_same_graph(tmp_path, run_cli, read_quads):
    folder = corpus(tmp_path, **{"a.txt": DATED_TEXT, "b.txt": UNDATED_TEXT})
    manifest = tmp_path / "m.csv"
    manifest.write_text("file,url,date,source\na.txt,https://example.cn/a,2024-03,示例日报\n"
                        "b.txt,https://example.cn/b,2024-03-07,\n", encoding="utf-8")
    for jobs, store in (("1", "serial"), ("2", "parallel")):
        result = run_cli("build", folder, "--manifest", manifest, "--jobs", jobs,
                         "--store", tmp_path / store)
        assert result.exit_code == 0, result.output
    assert read_quads(tmp_path / "serial") == read_quads(tmp_path / "parallel")
    assert articles(tmp_path / "parallel")["b.txt"]["url"] == "https://example.cn/b"


# ------------------------------------------------------------------ web pages and precedence

def test_a_web_pages_own_metadata_fills_date_source_and_url(tmp_path, run_cli):
    folder = corpus(tmp_path, **{"page.html": PAGE, "bare.html": BARE_PAGE})
    result = run_cli("build", folder, "--store", tmp_path / "store")
    assert result.exit_code == 0, result.output
    got = articles(tmp_path / "store")
    page = got["page.html"]
    assert (page["date"], page["source"], page["url"]) == (
        "2024-03-05", "示例新闻网", "https://news.example.cn/2024/0305/a1.html")
    assert page["dateFrom"] == page["sourceFrom"] == "page"
    assert page["textDate"] == "2023-05-06"
    bare = got["bare.html"]  # no metadata: nothing invented
    assert not {"date", "source", "url", "dateFrom", "sourceFrom"} & set(bare)


def test_a_manifest_row_wins_over_the_page_and_options_over_the_row(tmp_path, run_cli):
    folder = corpus(tmp_path, **{"page.html": PAGE})
    manifest = tmp_path / "m.csv"
    manifest.write_text("file,url,date,source\ncorpus/page.html,https://mirror.example.cn/p,"
                        "2024-03-04,经济日报\n", encoding="utf-8")
    run_cli("build", folder, "--manifest", manifest, "--store", tmp_path / "s1")
    page = articles(tmp_path / "s1")["page.html"]
    assert (page["date"], page["source"], page["url"]) == ("2024-03-04", "经济日报",
                                                           "https://mirror.example.cn/p")
    assert page["dateFrom"] == page["sourceFrom"] == "manifest"
    result = run_cli("build", folder / "page.html", "--manifest", manifest, "--date", "2024-03-06",
                     "--store", tmp_path / "s2")
    assert result.exit_code == 0, result.output
    page = articles(tmp_path / "s2")["page.html"]
    assert (page["date"], page["dateFrom"], page["source"], page["sourceFrom"]) == (
        "2024-03-06", "option", "经济日报", "manifest")


def test_a_text_date_equal_to_the_given_one_is_not_repeated(tmp_path, run_cli):
    folder = corpus(tmp_path, **{"a.txt": DATED_TEXT, "b.txt": UNDATED_TEXT})
    manifest = tmp_path / "m.csv"
    manifest.write_text("file,date\ncorpus/a.txt,2022-01-02\n", encoding="utf-8")
    run_cli("build", folder, "--manifest", manifest, "--store", tmp_path / "store")
    got = articles(tmp_path / "store")
    assert got["a.txt"]["date"] == "2022-01-02" and "textDate" not in got["a.txt"]
    assert "date" not in got["b.txt"]


def test_build_options_describe_one_file(tmp_path, run_cli):
    folder = corpus(tmp_path, **{"a.txt": DATED_TEXT, "b.txt": UNDATED_TEXT})
    ok = run_cli("build", folder / "b.txt", "--date", "2023-11", "--source", "示例日报",
                 "--url", "https://example.cn/b", "--store", tmp_path / "store")
    assert ok.exit_code == 0, ok.output
    b = articles(tmp_path / "store")["b.txt"]
    assert (b["date"], b["source"], b["url"], b["dateFrom"]) == (
        "2023-11", "示例日报", "https://example.cn/b", "option")
    several = run_cli("build", folder, "--date", "2023-11", "--store", tmp_path / "s2")
    assert several.exit_code != 0 and "describe one file" in several.stderr
    for args in (("--date", "2023-02-30"), ("--url", "javascript:alert(1)")):
        bad = run_cli("build", folder / "b.txt", *args, "--store", tmp_path / "s3")
        assert bad.exit_code != 0 and bad.stderr.startswith("error: ")
        assert "Traceback" not in bad.output and not (tmp_path / "s3").exists()


def test_the_given_date_gives_a_bare_day_in_the_text_its_year(tmp_path, run_cli):
    """A policy issued on 3月8日 in an article the manifest dates 2021-05 was issued on
    2021-03-08; without a date the year is unknown and no issue date is written."""
    folder = corpus(tmp_path, **{"p.txt": "3月8日，重庆两江新区管委会印发《两江新区促进数字经济"
                                          "发展若干措施》，支持企业开展技术创新。\n"})
    manifest = tmp_path / "m.csv"
    manifest.write_text("file,date\ncorpus/p.txt,2021-05\n", encoding="utf-8")
    issued = "SELECT ?d WHERE { ?p a zg:Policy ; dcterms:issued ?d }"
    for args, store, expected in (((), "s1", ""), (("--manifest", manifest), "s2", "2021-03-08")):
        assert run_cli("build", folder, *args, "--store", tmp_path / store).exit_code == 0
        out = run_cli("query", "--store", tmp_path / store, "--format", "csv", issued).stdout
        assert out.split()[1:] == ([expected] if expected else [])


# ------------------------------------------------------------------ the URL where evidence is shown

@pytest.fixture
def cited_store(tmp_path, run_cli) -> Path:
    """Two dated articles with their pages, and one undated article."""
    folder = corpus(tmp_path, **{"a.txt": DATED_TEXT, "b.txt": UNDATED_TEXT,
                                 "c.txt": "重庆两江新区与贵州贵安新区签署合作协议，共建数字经济产业园。\n"})
    manifest = tmp_path / "m.csv"
    manifest.write_text("file,url,date\ncorpus/a.txt,https://example.cn/a?x=1&y=2,2024-03-05\n"
                        "corpus/b.txt,https://example.cn/b,2024-05\n", encoding="utf-8")
    result = run_cli("build", folder, "--manifest", manifest, "--store", tmp_path / "store")
    assert result.exit_code == 0, result.output
    return tmp_path / "store"


def test_the_url_is_in_a_views_evidence_data(cited_store, run_cli, tmp_path):
    out = tmp_path / "view.html"
    assert run_cli("view", "--store", cited_store, "--out", out).exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert "https://example.cn/b" in page
    assert "https://example.cn/a?x=1\\u0026y=2" in page or "https://example.cn/a?x=1&y=2" in page


def test_the_url_is_a_link_in_a_snapshot_report(cited_store, run_cli, tmp_path):
    result = run_cli("snapshot", "--store", cited_store, "--as-of", "2024-12-31",
                     "--out", tmp_path / "snap")
    assert result.exit_code == 0, result.output
    html = (tmp_path / "snap" / "report.html").read_text(encoding="utf-8")
    assert '<a href="https://example.cn/a?x=1&amp;y=2">' in html
    md = (tmp_path / "snap" / "report.md").read_text(encoding="utf-8")
    assert "<https://example.cn/a?x=1&y=2>" in md  # an autolink, no entity in it


def test_relation_evidence_gives_the_url(cited_store, run_cli):
    result = run_cli("query", "--store", cited_store, "--named", "relation-evidence",
                     "--param", "subject=重庆两江新区", "--param", "object=四川天府新区", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)["results"]["bindings"]
    assert rows and {r["url"]["value"] for r in rows} == {"https://example.cn/a?x=1&y=2"}
    assert {r["date"]["value"] for r in rows} == {"2024-03-05"}


# ------------------------------------------------------------------ what date cuts leave out

def test_a_snapshot_says_how_many_undated_articles_it_left_out(cited_store, run_cli, tmp_path):
    out = run_cli("snapshot", "--store", cited_store, "--as-of", "2024-12", "--out", tmp_path / "s")
    assert out.exit_code == 0, out.output
    assert "1 document(s), " not in out.stdout and "2 article(s)" in out.stdout
    assert "note: 1 article(s) without a date left out" in out.stderr
    manifest = json.loads((tmp_path / "s" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["left_out"]["articles_undated"] == 1
    assert "1 article(s) without a date are left out" in (tmp_path / "s" / "report.md").read_text(
        encoding="utf-8")
    kept = run_cli("snapshot", "--store", cited_store, "--as-of", "2024-12", "--out",
                   tmp_path / "k", "--undated", "include")
    assert "3 article(s)" in kept.stdout and "1 article(s) without a date kept" in kept.stderr


def test_a_month_overlaps_a_date_range(cited_store, run_cli, tmp_path):
    """b.txt is dated 2024-05 only: in a cut at 2024-05-10 and in --since 2024-05-20."""
    cut = run_cli("snapshot", "--store", cited_store, "--as-of", "2024-05-10", "--out", tmp_path / "s")
    assert "2 article(s)" in cut.stdout
    since = run_cli("analyze", "--store", cited_store, "--since", "2024-05-20", "--format", "json")
    names = {r["name"] for r in json.loads(since.stdout)}
    assert {"上海浦东新区", "天津滨海新区"} <= names and "贵州贵安新区" not in names


def test_view_and_analyze_say_what_a_date_range_left_out(cited_store, run_cli, tmp_path):
    result = run_cli("analyze", "--store", cited_store, "--since", "2024", "--format", "json")
    assert "note: 1 article(s) without a date left out" in result.stderr
    assert "贵州贵安新区" not in {r["name"] for r in json.loads(result.stdout)}
    kept = run_cli("analyze", "--store", cited_store, "--since", "2024", "--undated", "include",
                   "--format", "json")
    assert "贵州贵安新区" in {r["name"] for r in json.loads(kept.stdout)}
    assert "1 article(s) without a date kept" in kept.stderr
    view = run_cli("view", "--store", cited_store, "--until", "2024-12", "--out", tmp_path / "v.html")
    assert "note: 1 article(s) without a date left out" in view.stderr
    plain = run_cli("analyze", "--store", cited_store, "--format", "json")  # no range, no note
    assert "without a date" not in plain.stderr


def test_diff_with_the_store_says_what_it_left_out(cited_store, run_cli, tmp_path):
    run_cli("snapshot", "--store", cited_store, "--as-of", "2024-12", "--out", tmp_path / "s")
    same = run_cli("diff", tmp_path / "s", "store", "--store", cited_store)
    assert "No changes." in same.stdout
    assert same.stderr.count("1 article(s) without a date left out") == 2  # both sides
    kept = run_cli("diff", tmp_path / "s", "store", "--store", cited_store, "--undated", "include",
                   "--format", "json")
    added = {r["label"] for r in json.loads(kept.stdout)["entities_added"]}
    assert "贵州贵安新区" in added


def test_a_served_entity_page_links_the_evidence_to_its_page(cited_store):
    """``serve``'s entity pages (where ``find``'s names lead on the query page) cite the
    sentence's web page as an escaped link."""
    import urllib.parse
    import urllib.request

    from zonegraph.sparql.serve import ServeSettings, serve_in_thread

    server, _ = serve_in_thread(ServeSettings(store=cited_store, port=0, timeout=20, workers=1,
                                              quiet=True))
    try:
        iri = "https://w3id.org/zonegraph/id/zone/liangjiang"
        url = server.url.rstrip("/") + "/entity?" + urllib.parse.urlencode({"iri": iri})
        with urllib.request.urlopen(url, timeout=60) as resp:
            page = resp.read().decode("utf-8")
    finally:
        server.shutdown()
        server.server_close()
    assert '<a href="https://example.cn/a?x=1&amp;y=2"' in page
