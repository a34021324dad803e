"""Text search through the engines' own indexes: the queue, the source search and /checks find
words whatever their case and accents, and figure values however they are written."""
import re
from html import unescape

import pytest

from factcheck import search
from factcheck.models import Role, Stance
from factcheck.review.services import find_or_add_source, link_source
from tests.factories import make_claim, make_document


def _queue(client, q: str, **args) -> str:
    return client.get("/queue", query_string={"q": q, **args}).get_data(as_text=True)


def _shown(client, claims, q: str) -> set:
    html = _queue(client, q)
    return {name for name, c in claims.items() if f'data-claim-id="{c.id}"' in html}


@pytest.fixture
def claims(db):
    seoul = make_claim(make_document("Plus de 10 000 soldats ont été déployés, a déclaré Séoul."))
    seoul.figures[0].value = 10000.0
    seoul.attribution.speaker = "Séoul"
    kcna = make_claim(make_document("Selon l'agence KCNA, l'essai a réussi."),
                      has_figure=False)
    kcna.figures = []
    kcna.attribution.speaker = "l'agence KCNA"
    rate = make_claim(make_document("Le chômage atteint 3,5 % selon l'Insee."))
    rate.figures[0].value = 3.5
    rate.attribution.speaker = "l'Insee"
    oeuvre = make_claim(make_document("Le chantier de l'Œuvre a coûté 2 millions."))
    oeuvre.attribution.speaker = "la Fondation Hélène-Dupré"
    db.session.commit()
    return {"seoul": seoul, "kcna": kcna, "rate": rate, "oeuvre": oeuvre}


@pytest.mark.parametrize("q, expected", [
    ("Séoul", {"seoul"}),
    ("seoul", {"seoul"}),
    ("SÉOUL", {"seoul"}),
    ("SEOUL", {"seoul"}),
    ("soldats déployés", {"seoul"}),
    ("deployes soldats", {"seoul"}),  # every word, in any order
    ("soldats kcna", set()),  # all words, not any
    ("kcna", {"kcna"}),
    ("l'agence", {"kcna"}),
    ("agen", {"kcna"}),  # a word's beginning
    ("plu", {"seoul"}),
    ("pl", set()),  # two letters: a whole word only ("de", not "déployés" or "des")
    ("de", {"seoul", "oeuvre"}),
    ("dé", {"seoul", "oeuvre"}),
    ("10000", {"seoul"}),  # the figure's value
    ("10 000", {"seoul"}),  # as written
    ("3,5", {"rate"}),
    ("3.5", {"rate"}),
    ("oeuvre", {"oeuvre"}),
    ("œuvre", {"oeuvre"}),
    ("helene", {"oeuvre"}),  # the speaker, accents dropped
    ("hélène-dupré", {"oeuvre"}),
    ("%", set()),  # nothing to look for finds nothing
    ('"kcna"*', {"kcna"}),  # search syntax is plain text
    ("kcna OR seoul", set()),  # "or" is one more word to find
])
def test_queue_search_ignores_case_and_accents(client, login_as, claims, q, expected):
    login_as(Role.VIEWER)
    assert _shown(client, claims, q) == expected


def test_search_follows_corrections_and_deletions(client, login_as, claims, db):
    login_as(Role.VIEWER)
    claims["kcna"].attribution.speaker = "le ministère de la Défense"
    claims["seoul"].normalized_text = "Séoul affirme avoir déployé dix mille soldats"
    db.session.commit()
    assert _shown(client, claims, "kcna") == {"kcna"}  # still in its sentence
    assert _shown(client, claims, "ministere defense") == {"kcna"}
    assert _shown(client, claims, "dix mille") == {"seoul"}
    claims["seoul"].figures[0].value = 12000.0
    db.session.commit()
    assert _shown(client, claims, "12000") == {"seoul"}
    assert _shown(client, claims, "10000") == set()
    db.session.delete(claims["rate"])
    db.session.commit()
    assert _shown(client, claims, "insee") == set()


def test_search_keeps_the_other_filters_and_counts(client, login_as, claims):
    login_as(Role.VIEWER)
    assert _shown(client, claims, "selon") == {"kcna", "rate"}
    html = _queue(client, "selon", language="en")
    assert not any(f'data-claim-id="{c.id}"' in html for c in claims.values())
    counts = client.get("/queue/counts?q=selon").get_json()  # asked for by the page
    assert counts["counts"]["new"] == counts["total"] == 2
    assert client.get("/queue/counts?q=selon&language=en").get_json()["total"] == 0


def test_relevance_ranks_the_better_match_first(db):
    both = make_claim(make_document("Le port de Brest et le port de Lorient ferment."))
    once = make_claim(make_document("Le port de Brest ferme pour travaux, disent les dockers."))
    db.session.commit()
    ranked = db.session.execute(search.matching(search.CLAIMS, "port", ranked=True)
                                .order_by("rank")).all()
    assert [key for key, _ in ranked] == [both.id, once.id]


def test_source_search_ignores_accents_and_finds_by_address(client, login_as, db):
    reviewer = login_as(Role.REVIEWER)
    claim = make_claim()
    source = find_or_add_source("https://insee.fr/statistiques/enquete", reviewer,
                                title="Enquête Emploi", publisher="Insee")
    link_source(claim, source, Stance.REFUTES, reviewer)
    db.session.commit()
    for q in ("enquete", "EMPLOI", "insee.fr", "statistiques"):
        assert [s["url"] for s in client.get("/sources/search", query_string={"q": q})
                .json["sources"]] == [source.url], q
    assert client.get("/sources/search?q=chomage").json["sources"] == []
    source.title = "Chômage au premier trimestre"
    db.session.commit()
    assert len(client.get("/sources/search?q=chomage").json["sources"]) == 1


def test_public_search_finds_published_wording_only(client, publish, db):
    shown = publish(document=make_document("Séoul a déployé 10 000 soldats, selon l'agence."))
    draft = publish(published=False,
                    document=make_document("Pyongyang a déployé 20 000 soldats selon Séoul."))
    for q in ("seoul", "SÉOUL", "10 000", "1000", "soldats deploye"):  # 1000: the figure
        html = client.get("/checks", query_string={"q": q}).get_data(as_text=True)
        assert shown.public_id in html, q
        assert draft.public_id not in html, q
    # A reviewer's new wording waits for publication: the public search keeps the published one.
    shown.normalized_text = "Pyongyang et Tokyo"
    db.session.commit()
    assert shown.public_id not in client.get("/checks?q=tokyo").get_data(as_text=True)
    assert shown.public_id in client.get("/checks?q=seoul").get_data(as_text=True)


def test_words_are_folded_and_bounded():
    assert search.words("L'Œuvre de SÉOUL, l'an 2026") == ["oeuvre", "de", "seoul", "an", "2026"]
    assert search.words("a b") == ["a", "b"]  # only short words: kept
    assert len(search.words(" ".join(f"mot{i}" for i in range(30)))) == search.MAX_WORDS
    assert search.words("%_*\"") == []


def test_queue_sorts_by_relevance_when_asked(client, login_as, db):
    login_as(Role.VIEWER)
    once = make_claim(make_document("Le port de Brest ferme pour travaux, disent les dockers."),
                      checkworthiness=0.9)
    both = make_claim(make_document("Le port de Brest et le port de Lorient ferment."),
                      checkworthiness=0.1)
    db.session.commit()
    by_score = _queue(client, "port")
    by_match = _queue(client, "port", sort="relevance")
    mark = 'data-claim-id="{}"'.format
    assert by_score.index(mark(once.id)) < by_score.index(mark(both.id))
    assert by_match.index(mark(both.id)) < by_match.index(mark(once.id))
    assert _queue(client, "", sort="relevance").count("data-claim-id=") == 2  # no search: score


def test_public_index_pages_by_keyset(client, publish, db, monkeypatch):
    from factcheck.publish import queries as public_queries
    monkeypatch.setattr(public_queries, "PAGE_SIZE", 2)
    checks = [publish() for _ in range(5)]
    ids = {c.public_id for c in checks}

    def shown(html):
        return [pid for pid in ids if f"/c/{pid}" in html]

    url, pages = "/checks", []
    while url:
        html = client.get(url).get_data(as_text=True)
        pages.append(set(shown(html)))
        url = unescape(dict(re.findall(r'<a rel="(next|prev)" href="([^"]+)"', html))
                       .get("next", "")) or None
        if len(pages) == 1:
            publish()  # published meanwhile: newest, so it shifts nothing further on
    assert [len(p) for p in pages] == [2, 2, 1]
    assert set().union(*pages) == ids
