"""Matching at scale, through the library API: the limits that keep it linear must not
hide a quote's parent."""

from __future__ import annotations

from tracker.match import Index, Item, MatchSettings, best_parent, cluster
from tracker.text import normalize


def item(i: int, text: str, speaker: int | None = None) -> Item:
    return Item(i, normalize(text), speaker)


def test_a_short_phrase_of_common_words_finds_the_quote_of_its_speaker():
    # Every trigram of "for the sake of peace" is carried by more quotes than max_df:
    # the quote around it, by the same speaker, is still found, and no one else's.
    s = MatchSettings(max_df=5)
    others = [
        item(i, f"We act for the sake of peace in region number {i} today", speaker=100 + i)
        for i in range(1, 30)
    ]
    own = item(50, "Our army stands for the sake of peace and nothing else", speaker=7)
    phrase = item(60, "for the sake of peace", speaker=7)
    result, _ = cluster([*others, own, phrase], s)
    assert result.links[60].parent == 50


def test_an_unusual_version_is_linked_when_the_likeliest_candidates_fail():
    # The candidate sharing the most trigrams holds the statement's two halves apart
    # and scores low; the version with one word changed shares fewer and scores high.
    first, second = "the two sides agreed to expand", "trade in national currencies next year"
    noise = "and many other matters were discussed at length by the delegations"
    statement = item(1, f"{first} {second}")
    halves = item(2, f"{first} {noise} {second}")
    version = item(3, f"{first} {second}".replace("expand", "considerably"))

    def parent(settings: MatchSettings) -> int | None:
        index = Index(settings)
        for it in (halves, version, statement):
            index.add(it)
        link, _ = best_parent(statement, index)
        return link.parent if link else None

    assert parent(MatchSettings(max_candidates=1, max_search=1)) is None
    assert parent(MatchSettings(max_candidates=1, max_search=2)) == 3
    # From scratch, through cluster()'s batches: the same parent.
    for settings, expected in [
        (MatchSettings(max_candidates=1, max_search=1), None),
        (MatchSettings(max_candidates=1, max_search=2), 3),
    ]:
        result, index = cluster([halves, version, statement], settings)
        assert (result.links[1].parent if 1 in result.links else None) == expected
        assert not index.scores  # nothing scored ahead is left over


def test_a_phrase_of_common_words_draws_no_more_candidates_than_max_df():
    # Neighbouring grams of a stock phrase go together everywhere: the fallback on
    # them must stay bounded, or every such quote would cost a scan of the archive.
    s = MatchSettings(max_df=5)
    index = Index(s)
    for i in range(200):
        index.add(item(i, f"We act for the sake of peace in region number {i} today", 100 + i))
    shared, _ = index.shared_grams(item(999, "for the sake of peace", speaker=7))
    assert 0 < len(shared) <= s.max_df


def test_in_a_large_archive_a_much_repeated_statement_still_finds_its_versions():
    # The statement's trigrams are carried by more quotes than max_df, but by few of a
    # large archive's: they still gather candidates, so its unusual version is linked.
    base = "we call on every nation to return to the table without delay"
    versions = [item(i, f"{base} {tail}", 7) for i, tail in enumerate("abcdefgh", start=1)]
    filler = [
        item(100 + i, f"filler line {i} is about matter {i} alone", 200 + i) for i in range(200)
    ]
    odd = item(50, "we call on each nation to return to table without delay", 7)

    def parent(settings: MatchSettings) -> int | None:
        result, _ = cluster([*versions, *filler, odd], settings)
        link = result.links.get(50)
        return link.parent if link else None

    assert parent(MatchSettings(max_df=5, max_df_share=0.0)) is None
    assert parent(MatchSettings(max_df=5, max_df_share=0.05)) in range(1, 9)


def _groups(items: list[Item], settings: MatchSettings | None = None) -> dict[int, int]:
    """Each quote's cluster (the root its links lead to), from scratch."""
    result, _ = cluster(items, settings)
    parent = {lk.child: lk.parent for lk in result.links.values()}

    def root(q: int) -> int:
        seen = set()
        while q in parent and q not in seen:
            seen.add(q)
            q = parent[q]
        return min(seen | {q}) if q in seen else q

    return {it.id: root(it.id) for it in items}


def dated(i: int, text: str, speaker: int | None, day: int) -> Item:
    return Item(i, normalize(text), speaker, day=day)


def test_a_distinctive_phrase_gathers_every_version_of_its_statement():
    # The news-cycle family: the bare phrase and versions with words added on both
    # sides, none of which contains another; one speaker, one week.
    family = [
        dated(1, "lipstick on a pig", 7, 100),
        dated(2, "You can put lipstick on a pig", 7, 101),
        dated(3, "I think they put some lipstick on a pig but it's still a pig", 7, 102),
        dated(4, "well, lipstick on a pig is what this is, believe me", None, 104),
    ]
    other = dated(5, "The economy is strong and we will keep it that way", 7, 103)
    g = _groups([*family, other])
    assert len({g[it.id] for it in family}) == 1
    assert g[5] != g[1]


def test_a_stock_phrase_never_glues_statements_together():
    # "at the same time" in the statements of three people, and quoted alone by one
    # of them a year later: four statements, four clusters.
    quotes = [
        dated(1, "We will cut taxes and at the same time balance the budget", 1, 10),
        dated(2, "At the same time the talks in Geneva must go on without delay", 2, 12),
        dated(3, "They praise peace and at the same time send weapons to the region", 3, 15),
        dated(4, "at the same time", 1, 400),
    ]
    g = _groups(quotes)
    assert len(set(g.values())) == 4


def test_a_formula_quoted_alone_joins_its_own_speakers_statement_of_that_week():
    # "an unprecedentedly high level": Putin in 2021, Li Zhanshu in 2019. Each bare
    # quote joins the statement of its speaker and time; the two statements stay apart.
    putin = dated(
        1, "This has helped us to take our relations to an unprecedentedly high level", 1, 700
    )
    li = dated(
        2, "In the last few years our relations have reached an unprecedentedly high level", 2, 0
    )
    bare_putin = dated(3, "an unprecedentedly high level", 1, 702)
    bare_li = dated(4, "an unprecedentedly high level", 2, 3)
    g = _groups([putin, li, bare_putin, bare_li])
    assert g[3] == g[1] and g[4] == g[2] and g[1] != g[2]


def test_the_variant_benchmark_meets_its_targets():
    # benchmarks/variant_families.py prints the same figures beside the baselines.
    import sys

    from conftest import ROOT

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from variant_families import b_cubed, generate, pair_pr, tracker_labels

    data = generate(400, seed=7)
    labels = tracker_labels(data.items, MatchSettings())
    _, _, f1 = b_cubed(labels, data.truth)
    precision, _ = pair_pr(labels, data.truth)
    assert f1 >= 0.95 and precision >= 0.97, (f1, precision)


def test_matching_on_several_processes_gives_the_same_links_and_suggestions(monkeypatch):
    # From scratch every quote's parent depends on the full index alone, so chunks
    # matched by forked workers must give exactly what one process gives.
    import sys

    from conftest import ROOT

    import tracker.match as match

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from quote_variants import generate

    corpus = generate(3000, seed=3)
    items = [
        Item(i, corpus.normalized[i], corpus.speaker[i], corpus.affiliations[i])
        for i in range(3000)
    ]
    monkeypatch.setattr(match, "BATCH", 256)  # several chunks for each worker
    one, _ = cluster(items, workers=1)
    monkeypatch.setattr(match, "PARALLEL_MIN", 0)
    two, _ = cluster(items, workers=2)
    assert len(one.links) > 1000
    assert {c: (lk.parent, lk.score) for c, lk in one.links.items()} == {
        c: (lk.parent, lk.score) for c, lk in two.links.items()
    }
    assert sorted(one.suggestions) == sorted(two.suggestions)


def test_following_parents_always_ends_and_keeps_the_clusters(monkeypatch):
    # A quote whose version gathered into a phrase that in turn joined a version of it
    # closed a loop (7 of them in these 3,000 quotes): one link of each loop goes, and
    # every quote still ends in the same cluster.
    import sys

    from conftest import ROOT

    import tracker.match as match

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from quote_variants import generate

    corpus = generate(3000, seed=1)
    items = [
        Item(i, corpus.normalized[i], corpus.speaker[i], corpus.affiliations[i])
        for i in range(3000)
    ]
    result, _ = cluster(items, workers=1)
    for start in result.links:
        seen = {start}
        q = start
        while q in result.links:
            q = result.links[q].parent
            assert q not in seen, f"a loop through {q}"
            seen.add(q)
    assert len(result.links) > 2000
    monkeypatch.setattr(match, "_break_cycles", lambda links, index: None)
    looped, _ = cluster(items, workers=1)
    assert len(looped.links) > len(result.links)
    assert _components(looped.links) == _components(result.links)


def _components(links) -> set[frozenset[int]]:
    from tracker.variants import UnionFind

    uf = UnionFind()
    for child, link in links.items():
        uf.union(child, link.parent)
    groups: dict[int, set[int]] = {}
    for q in list(uf.parent):
        groups.setdefault(uf.find(q), set()).add(q)
    return {frozenset(g) for g in groups.values()}


def test_a_frozen_index_offers_the_same_candidates_as_a_growing_one():
    # cluster() copies a complete index into arrays; the counts of shared grams, the
    # candidates, their ranking and the phrases a quote may gather must not change,
    # popular grams (under a small max_df) and quotes nested in others included.
    import sys

    from conftest import ROOT

    from tracker.match import _gathering_phrase, ranked_parents

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from quote_variants import generate

    corpus = generate(2000, seed=5)
    versions: dict[int, list[int]] = {}
    for i, statement in enumerate(corpus.statement):
        versions.setdefault(statement, []).append(i)
    items = [
        Item(
            i,
            corpus.normalized[i],
            corpus.speaker[i],
            corpus.affiliations[i],
            # Every third quote read as nested in versions of its statement (so never
            # their child).
            ancestors=frozenset(versions[corpus.statement[i]][:3]) - {i}
            if i % 3 == 0
            else frozenset(),
        )
        for i in range(2000)
    ]
    # (Few candidates scored per quote, so that many are ranked, not just listed.)
    settings = MatchSettings(max_df=20, max_candidates=4, max_search=6)
    index = Index(settings)
    for it in items:
        index.add(it)

    def offers():
        out = []
        for it in items:
            shared, rare = index.shared_grams(it)
            ranked = ranked_parents(it, index, None, (shared, rare))
            if len(ranked) <= settings.max_candidates:
                ranked.sort()  # all scored: listed in the index's order, not ranked
            out.append(
                (
                    dict(shared),
                    rare,
                    index.sharing(it, 0.34),
                    ranked,
                    _gathering_phrase(it, index, shared, None),
                )
            )
        return out

    growing = offers()
    index.freeze()
    assert index._frozen is not None
    assert offers() == growing
    assert sum(1 for shared, *_ in growing if shared) > 1500


def test_a_term_gathers_no_two_statements_of_its_own_article():
    # One interview repeats a term ("in ovo sexing method") inside two different answers,
    # and once alone: a term the article repeats is no evidence that the answers are one
    # statement. The same answers in two articles are still gathered by the phrase.
    def quote(i: int, text: str, document: int) -> Item:
        return Item(i, normalize(text), None, day=100, document=document)

    phrase = "the in ovo sexing method"
    one_article = [
        quote(1, phrase, 9),
        quote(2, f"Consumers deserve to know whether {phrase} was used for their eggs", 9),
        quote(3, f"Neither {phrase} nor raising the brothers changes the sick system", 9),
    ]
    g = _groups(one_article)
    assert g[2] != g[3]
    across = [
        quote(1, phrase, 7),
        quote(2, f"Consumers deserve to know whether {phrase} was used for their eggs", 8),
        quote(3, f"Neither {phrase} nor raising the brothers changes the sick system", 9),
    ]
    g = _groups(across)
    assert g[2] == g[3]


def test_a_phrase_another_speaker_takes_up_later_in_the_same_ingest_glues_nothing(tmp_path, db_url):
    """Incremental ingest judges a phrase as its quotes arrive: "radical widget tariffs",
    one speaker's words at first, is a stock phrase once another speaker's quote holds it,
    so his statement stays apart from hers, and the unattributed letter quoting the words
    leaves her statement: the clusters a rebuild would make."""
    from sqlalchemy import select

    from tracker.clusters import rebuild
    from tracker.ingest import ingest
    from tracker.store.db import open_database
    from tracker.store.models import Quote

    hers = (
        'Ann Lee spoke on Monday. "Radical widget tariffs pose an existential threat to every '
        'small maker in the valley, and we will fight them in every court," Lee said.\n\n'
        'A letter to the committee calls for the party to recognize that "radical widget '
        'tariffs" pose an "existential threat" to small makers.\n'
    )
    his = (
        'Tom Reyes spoke on Tuesday. "Is the governor finally going to say the words radical '
        'widget tariffs, or will he keep hiding from the voters of this state?" Reyes said.\n'
    )
    (tmp_path / "1.txt").write_text(hers, encoding="utf-8")
    (tmp_path / "2.txt").write_text(his, encoding="utf-8")
    (tmp_path / "0.txt").write_text('Kim Ode said: "The harbour opens in May."\n', encoding="utf-8")
    db = open_database(db_url)
    # A first load clusters at its end: the archive holds clusters, so the two documents
    # below are placed group by group, as every later run places them.
    ingest(db, [tmp_path / "0.txt"])
    ingest(db, [tmp_path / "1.txt", tmp_path / "2.txt"], group_documents=1)

    def groups() -> set[frozenset[str]]:
        with db.Session() as s:
            rows = s.execute(select(Quote.text, Quote.cluster_id)).all()
        by_cluster: dict[int, set[str]] = {}
        for text, cid in rows:
            by_cluster.setdefault(cid, set()).add(text[:12])
        return {frozenset(g) for g in by_cluster.values()}

    incremental = groups()
    with db.Session.begin() as s:
        rebuild(s)
    assert incremental == groups()
    assert not any({"Is the gover", "Radical widg"} <= g for g in incremental)
    db.dispose()


def _of(clusters: dict[str, int], start: str) -> int:
    """The cluster of the one quotation that starts with ``start``."""
    (cid,) = [cid for text, cid in clusters.items() if text.startswith(start)]
    return cid


def _ingest_one_by_one(tmp_path, db_url, texts: list[str], between=None) -> dict[str, int]:
    """Each text ingested in a run of its own (as a newsroom adds articles day by day);
    ``between(session, cluster_of)`` runs after the first two. Returns each quotation's
    text → its cluster."""
    from sqlalchemy import select

    from tracker.ingest import ingest
    from tracker.store.db import open_database
    from tracker.store.models import Quote

    db = open_database(db_url)

    def clusters() -> dict[str, int]:
        with db.Session() as s:
            rows = s.execute(select(Quote.text, Quote.cluster_id)).all()
        return dict(rows)

    for n, text in enumerate(texts):
        (tmp_path / f"{n}.txt").write_text(text, encoding="utf-8")
        ingest(db, [tmp_path / f"{n}.txt"])
        if n == 1 and between is not None:
            with db.Session.begin() as s:
                between(s, clusters())
    got = clusters()
    db.dispose()
    return got


HER_WHOLE = '"We want fair deals for widget makers in every county of this state," Ann Lee said.\n'
CROWD = '"Fair deals for widget makers," the crowd chanted outside the hall.\n'
HIS_WHOLE = (
    'Tom Reyes spoke on Tuesday. "The governor promised fair deals for widget makers and '
    'never delivered them to anyone," Reyes said.\n'
)


def test_a_lone_phrase_others_use_too_is_not_adopted_by_an_unattributed_quote(tmp_path, db_url):
    """Her short phrase, then his quote holding it (a phrase two people use is a stock
    phrase), then an unattributed quote holding it: her phrase does not join the
    unattributed quote, as a rebuild would not link it (an older lone phrase takes a new
    quote as its parent only where the phrase's spread allows it)."""
    hers = 'Ann Lee spoke on Monday. "Fair deals for widget makers," Lee said.\n'
    banner = (
        '"No more quotas, and fair deals for widget makers in the small shops of the valley."\n'
    )
    cluster_of = _ingest_one_by_one(tmp_path, db_url, [hers, HIS_WHOLE, banner])
    assert _of(cluster_of, "No more quot") is not None
    assert _of(cluster_of, "Fair deals f") != _of(cluster_of, "No more quot")
    assert _of(cluster_of, "Fair deals f") != _of(cluster_of, "The governor")


def test_a_phrase_that_became_a_stock_phrase_is_unlinked_in_a_later_run(tmp_path, db_url):
    """An unattributed chant joins her quote holding it while she alone used the words; a
    later run brings his quote holding them too. A phrase two people use is no evidence
    of one statement, so the chant leaves her cluster, as a rebuild would place it."""
    cluster_of = _ingest_one_by_one(tmp_path, db_url, [HER_WHOLE, CROWD])
    assert _of(cluster_of, "Fair deals f") == _of(
        cluster_of, "We want fair"
    )  # one speaker's words so far
    cluster_of = _ingest_one_by_one(tmp_path, db_url, [HIS_WHOLE])
    assert len(set(cluster_of.values())) == 3


def test_a_cluster_a_reviewer_verified_is_not_unlinked_by_a_later_phrase(tmp_path, db_url):
    from tracker import review

    def verify(session, cluster_of):
        review.set_verdict(session, _of(cluster_of, "We want fair"), "verified", reviewer="ann")

    cluster_of = _ingest_one_by_one(tmp_path, db_url, [HER_WHOLE, CROWD, HIS_WHOLE], verify)
    assert _of(cluster_of, "Fair deals f") == _of(cluster_of, "We want fair")
    assert _of(cluster_of, "The governor") != _of(cluster_of, "We want fair")


SHORT_TWICE = [
    'Ann Lee spoke in Dover. "Widget tariffs will ruin the valley," Lee said.\n',
    'Ann Lee spoke again on Friday. "Widget tariffs will ruin the valley," Lee said.\n',
]
# Worded a little differently, so the short words do not gather it as a phrase contained in
# it: only the short words' taking it as their parent joins them.
FULLER = (
    'Ann Lee spoke at length. "Widget tariffs will ruin our valley and every small maker in '
    'it, and we will fight them in every court," Lee said.\n'
)


def test_a_cluster_joins_the_fuller_version_of_its_statement_that_arrives_later(tmp_path, db_url):
    """Two outlets quote the same short words, then a third the whole statement: the
    short words' cluster joins the whole (its first quote takes it as its parent, as a
    rebuild would link it), not only a short quote that was still alone."""
    cluster_of = _ingest_one_by_one(tmp_path, db_url, [*SHORT_TWICE, FULLER])
    assert len(set(cluster_of.values())) == 1


def test_a_verified_cluster_does_not_move_into_a_fuller_version(tmp_path, db_url):
    from tracker import review

    def verify(session, cluster_of):
        review.set_verdict(session, _of(cluster_of, "Widget tarif"), "verified", reviewer="ann")

    cluster_of = _ingest_one_by_one(tmp_path, db_url, [*SHORT_TWICE, FULLER], verify)
    assert len(set(cluster_of.values())) == 2


def test_a_phrase_that_gathered_its_family_keeps_it_when_a_near_wording_arrives(tmp_path, db_url):
    """Her distinctive words gather the quote holding them; a later quote words them a
    little differently. A rebuild links the words to the quote that holds them exactly,
    not to the near wording, and ingest ends in the same clusters."""
    from sqlalchemy import select

    from tracker.clusters import rebuild
    from tracker.store.db import open_database
    from tracker.store.models import Quote

    texts = [
        'Ann Lee spoke in Dover. "Ruinous widget quotas will empty this valley," Lee said.\n',
        'Ann Lee spoke on Friday. "Ruinous widget quotas will empty this valley, and the '
        'governor knows it," Lee said.\n',
        'Ann Lee spoke at length. "Ruinous widget quotas will empty the whole valley by next '
        'spring, and nobody in the capital seems to care at all," Lee said.\n',
    ]
    ingested = _ingest_one_by_one(tmp_path, db_url, texts)
    db = open_database(db_url)
    with db.Session.begin() as s:
        rebuild(s)
    with db.Session() as s:
        rebuilt = dict(s.execute(select(Quote.text, Quote.cluster_id)).all())
    db.dispose()

    def partition(clusters: dict[str, int]) -> set[frozenset[str]]:
        return {frozenset(t for t, c in clusters.items() if c == cid) for cid in clusters.values()}

    assert partition(ingested) == partition(rebuilt)
    assert len(partition(ingested)) == 2
