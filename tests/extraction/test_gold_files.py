"""The shipped gold sets pass tests/data/check_gold.py, and the checker reports broken copies."""

import importlib.util
import json
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[1] / "data"


def _load_checker():
    """Import tests/data/check_gold.py by path (tests/data is not a package)."""
    spec = importlib.util.spec_from_file_location("check_gold", DATA / "check_gold.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


check_gold = _load_checker()


def _fig(text, start, end, value, *, unit=None, qualifier=None, low=None, high=None):
    """A gold figure dict with every key."""
    return {"text": text, "start": start, "end": end, "value": value,
            "low": low, "high": high, "unit": unit, "qualifier": qualifier}


def _item(text, figures, case):
    """A gold item with figures only (no speaker)."""
    return {"text": text, "claim": True, "kinds": ["figure"], "figures": figures,
            "speaker": None, "case": case}


@pytest.mark.parametrize("name", ["gold_fr.jsonl", "gold_en.jsonl"])
def test_shipped_gold_file_is_valid(name):
    errors, stats, cases, quals = check_gold.check_file(DATA / name)
    assert errors == []
    assert stats["items"] >= check_gold.MIN_ITEMS
    assert stats["claims"] + stats["non_claims"] == stats["items"]
    assert sum(quals.values()) == stats["figures"]


def test_broken_copy_is_reported(tmp_path, capsys):
    lines = (DATA / "gold_en.jsonl").read_text(encoding="utf-8").splitlines()
    # Offsets shifted one character left: text[17:31] is " 1,200 visitor".
    lines[0] = json.dumps(_item(
        "Officials counted 1,200 visitors on Monday.",
        [_fig("1,200 visitors", 17, 31, 1200, unit="visitors")],
        "bad-offsets",
    ))
    # The second figure lies inside the first one.
    lines[1] = json.dumps(_item(
        "Between 40 and 50 people attended.",
        [_fig("Between 40 and 50 people", 0, 24, 40, unit="people", qualifier="range",
              low=40, high=50),
         _fig("50 people", 15, 24, 50, unit="people")],
        "overlap",
    ))
    # A range whose bounds are swapped.
    lines[2] = json.dumps(_item(
        "From 9 to 3 days.",
        [_fig("9 to 3 days", 5, 16, 9, unit="days", qualifier="range", low=9, high=3)],
        "bad-range",
    ))
    path = tmp_path / "gold_bad.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    errors, stats, _cases, _quals = check_gold.check_file(path)

    assert errors == [
        "gold_bad.jsonl:1 fig#0: text[17:31]=' 1,200 visitor' != '1,200 visitors'",
        "gold_bad.jsonl:2: overlapping figures 0:24 and 15:24",
        "gold_bad.jsonl:3 fig#0: low 9 > high 3",
    ]
    assert stats["items"] == len(lines)

    assert check_gold.main([str(path)]) == 1
    err = capsys.readouterr().err
    assert err.endswith("3 error(s)\n")
    assert "ERROR gold_bad.jsonl:2: overlapping figures 0:24 and 15:24\n" in err


def test_blank_line_and_invalid_json_are_reported(tmp_path):
    lines = (DATA / "gold_fr.jsonl").read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3][:-1]
    lines.insert(5, "")
    path = tmp_path / "gold_bad.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    errors, _stats, _cases, _quals = check_gold.check_file(path)

    assert len(errors) == 2
    assert errors[0].startswith("gold_bad.jsonl:4: invalid JSON: ")
    assert errors[1] == "gold_bad.jsonl:6: blank line"
