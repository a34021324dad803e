"""The held-out scraped-news documents (tests/data/news_docs): valid, and what the engine scores.

The set is held out for issue 13: the floors below are the issue's, and today's engine does not
reach them on these pages (measured 2026-12-03, before any rule was written for them: French
claim F1 0.777, speaker accuracy 0.36; English 0.805 and 0.534; with markup masked, 0.856 and
0.382, 0.861 and 0.534). English met them on 2026-12-07 (claim F1 0.953, speakers 0.920, after
rules tuned on the development split ``news_dev_*.jsonl`` only; 0.955 since 2026-12-08);
French is still a strict expected failure (claim F1 0.941 meets its floor, speakers 0.876 on
2026-12-08 do not): it fails the day the floors are met.
"""
import importlib.util
from pathlib import Path

import pytest

from tests.extraction.news import load_documents, score

FOLDER = Path(__file__).resolve().parents[1] / "data" / "news_docs"
FLOORS = {"claim_F1": 0.93, "speaker_acc": 0.88}


def _checker():
    spec = importlib.util.spec_from_file_location("check_news", FOLDER / "check_news.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_shipped_documents_pass_their_checker(lang):
    errors, stats, _, _ = _checker().check_file(FOLDER / f"news_{lang}.jsonl")
    assert errors == []
    assert stats["documents"] >= 12 and stats["claims"] >= 100


def test_a_broken_offset_is_reported(tmp_path):
    line = (FOLDER / "news_en.jsonl").read_text(encoding="utf-8").splitlines()[0]
    copy = tmp_path / "news_en.jsonl"
    copy.write_text(line + "\n", encoding="utf-8")
    whole, _, _, _ = _checker().check_file(copy)  # one document: only too few of them
    copy.write_text(line.replace('"start": ', '"start": 1', 1) + "\n", encoding="utf-8")
    broken, _, _, _ = _checker().check_file(copy)
    assert len(whole) == 1 and "documents" in whole[0]
    assert len(broken) > 1 and any("news_en.jsonl:1" in e for e in broken)


@pytest.mark.model
@pytest.mark.parametrize("lang", [
    pytest.param("fr", marks=pytest.mark.xfail(
        strict=True, reason="issue 13: French held-out floors not met yet (see docstring)")),
    "en",
])
def test_held_out_news_meets_the_floors(lang, french_model):
    got = score(load_documents(lang))
    assert {k: round(got[k], 3) for k in FLOORS if got[k] < FLOORS[k]} == {}
