#!/usr/bin/env python3
"""Validate the hand-written claim-extraction gold sets (gold_fr.jsonl, gold_en.jsonl).

Usage: python tests/data/check_gold.py [FILE ...]
With no argument, checks every gold_*.jsonl file next to this script.
Prints counts per file, per kind and per case; exits 1 on any error.
Standard library only.
"""
import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ITEM_KEYS = {"text", "claim", "kinds", "figures", "speaker", "case"}
FIG_KEYS = {"text", "start", "end", "value", "low", "high", "unit", "qualifier"}
KINDS = {"figure", "attribution"}
QUALIFIERS = {None, "approximately", "more_than", "less_than", "at_least",
              "at_most", "range"}
MIN_ITEMS = 160


def is_num(x):
    """True for an int or float that is not a bool."""
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def is_int(x):
    """True for an int that is not a bool."""
    return isinstance(x, int) and not isinstance(x, bool)


def is_nonempty_str(x):
    """True for a string with at least one non-whitespace character."""
    return isinstance(x, str) and bool(x.strip())


# --- one figure -----------------------------------------------------------------------------


def check_offsets(fig, text, where, errors):
    """Check start/end/text of a figure against the item text; False if the span is unusable."""
    s, e, ft = fig["start"], fig["end"], fig["text"]
    if not (is_int(s) and is_int(e)):
        errors.append(f"{where}: start/end must be integers")
        return False
    if not isinstance(ft, str) or not ft:
        errors.append(f"{where}: figure text must be a non-empty string")
        return False
    if not (0 <= s < e <= len(text)):
        errors.append(f"{where}: bad offsets {s}:{e} for text of length {len(text)}")
        return False
    if text[s:e] != ft:
        errors.append(f"{where}: text[{s}:{e}]={text[s:e]!r} != {ft!r}")
    if ft != ft.strip():
        errors.append(f"{where}: figure text has leading/trailing whitespace: {ft!r}")
    return True


def check_range(fig, where, errors):
    """Check low/high (and value == low) of a figure whose qualifier is 'range'."""
    lo, hi = fig["low"], fig["high"]
    if not (is_num(lo) and is_num(hi)):
        errors.append(f"{where}: range needs numeric low/high")
        return
    if lo > hi:
        errors.append(f"{where}: low {lo} > high {hi}")
    if is_num(fig["value"]) and fig["value"] != lo:
        errors.append(f"{where}: range value {fig['value']} should equal low {lo}")


def check_value(fig, where, errors):
    """Check a figure's value, qualifier and low/high bounds."""
    if not is_num(fig["value"]):
        errors.append(f"{where}: value must be a number, got {fig['value']!r}")
    q = fig["qualifier"]
    if q not in QUALIFIERS:
        errors.append(f"{where}: qualifier {q!r} not in {sorted(x for x in QUALIFIERS if x)}")
    if q == "range":
        check_range(fig, where, errors)
    elif fig["low"] is not None or fig["high"] is not None:
        errors.append(f"{where}: low/high must be null unless qualifier is 'range'")


def check_unit(fig, where, errors):
    """Check that a figure's unit is null or a non-empty string."""
    u = fig["unit"]
    if u is not None and not is_nonempty_str(u):
        errors.append(f"{where}: unit must be null or a non-empty string")


def check_figure(fig, text, where, errors):
    """Check one figure; return its (start, end) span, or None if it cannot be located."""
    if not isinstance(fig, dict):
        errors.append(f"{where}: figure is not an object")
        return None
    keys = set(fig)
    if keys != FIG_KEYS:
        errors.append(f"{where}: figure keys {sorted(keys)} != {sorted(FIG_KEYS)}")
        return None
    if not check_offsets(fig, text, where, errors):
        return None
    check_value(fig, where, errors)
    check_unit(fig, where, errors)
    return (fig["start"], fig["end"])


# --- one item (line) ------------------------------------------------------------------------


def parse_line(line, where, errors):
    """Decode one line into an item dict with exactly ITEM_KEYS, or None (error recorded)."""
    try:
        item = json.loads(line)
    except json.JSONDecodeError as exc:
        errors.append(f"{where}: invalid JSON: {exc}")
        return None
    if not isinstance(item, dict):
        errors.append(f"{where}: line is not a JSON object")
        return None
    keys = set(item)
    if keys != ITEM_KEYS:
        errors.append(f"{where}: keys {sorted(keys)} != {sorted(ITEM_KEYS)}")
        return None
    return item


def check_item_types(item, where, errors, texts):
    """Check text (and its uniqueness), claim, kinds and figures types; False to skip the item."""
    text, kinds = item["text"], item["kinds"]
    if not is_nonempty_str(text):
        errors.append(f"{where}: text must be a non-empty string")
        return False
    if text in texts:
        errors.append(f"{where}: duplicate text")
    texts.add(text)
    if not isinstance(item["claim"], bool):
        errors.append(f"{where}: claim must be a boolean")
    if not isinstance(kinds, list) or not set(kinds) <= KINDS or len(set(kinds)) != len(kinds):
        errors.append(f"{where}: kinds must be a list of distinct values from {sorted(KINDS)}")
        return False
    if not isinstance(item["figures"], list):
        errors.append(f"{where}: figures must be a list")
        return False
    return True


def check_consistency(item, where, errors):
    """Check the case label and that claim, kinds, figures and speaker agree."""
    claim, kinds, speaker = item["claim"], item["kinds"], item["speaker"]
    if not is_nonempty_str(item["case"]):
        errors.append(f"{where}: case must be a non-empty string")
    if claim != bool(kinds):
        errors.append(f"{where}: claim={claim} but kinds={kinds}")
    if ("figure" in kinds) != bool(item["figures"]):
        errors.append(f"{where}: 'figure' in kinds must match non-empty figures")
    if ("attribution" in kinds) != (speaker is not None):
        errors.append(f"{where}: speaker must be non-null iff 'attribution' in kinds")


def check_speaker(item, where, errors):
    """Check that a non-null speaker is a non-empty string found in the text."""
    speaker = item["speaker"]
    if speaker is None:
        return
    if not is_nonempty_str(speaker):
        errors.append(f"{where}: speaker must be null or a non-empty string")
    elif speaker not in item["text"]:
        errors.append(f"{where}: speaker {speaker!r} not found in text")


def check_figures(item, where, errors, quals):
    """Check every figure of an item, count their qualifiers; return their sorted spans."""
    spans = []
    for i, fig in enumerate(item["figures"]):
        sp = check_figure(fig, item["text"], f"{where} fig#{i}", errors)
        if sp:
            spans.append(sp)
            quals[fig["qualifier"] or "none"] += 1
    spans.sort()
    return spans


def check_overlaps(spans, where, errors):
    """Report figures whose sorted spans overlap."""
    for (s1, e1), (s2, e2) in zip(spans, spans[1:], strict=False):
        if s2 < e1:
            errors.append(f"{where}: overlapping figures {s1}:{e1} and {s2}:{e2}")


def count_item(item, stats, cases):
    """Add an item to the per-file stats and case counts."""
    claim, kinds, case = item["claim"], item["kinds"], item["case"]
    stats["items"] += 1
    stats["claims" if claim else "non_claims"] += 1
    stats["figures"] += len(item["figures"])
    for k in kinds:
        stats["kind:" + k] += 1
    if set(kinds) == KINDS:
        stats["kind:both"] += 1
    if isinstance(case, str):
        cases[case] += 1


def check_item(item, where, errors, texts, counters):
    """Run every check on one parsed item and count it; counters is (stats, cases, quals)."""
    stats, cases, quals = counters
    if not check_item_types(item, where, errors, texts):
        return
    check_consistency(item, where, errors)
    check_speaker(item, where, errors)
    check_overlaps(check_figures(item, where, errors, quals), where, errors)
    count_item(item, stats, cases)


# --- one file -------------------------------------------------------------------------------


def check_file(path):
    """Check one gold file; return (errors, stats, cases, quals)."""
    errors = []
    stats = Counter()
    cases = Counter()
    quals = Counter()
    texts = set()
    try:
        raw = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return [f"{path}: cannot read as UTF-8: {exc}"], stats, cases, quals
    last_line = raw.count("\n") + 1
    for n, line in enumerate(raw.split("\n"), 1):
        where = f"{path.name}:{n}"
        if not line.strip():
            if n != last_line:  # only a final trailing newline is allowed
                errors.append(f"{where}: blank line")
            continue
        item = parse_line(line, where, errors)
        if item is not None:
            check_item(item, where, errors, texts, (stats, cases, quals))
    if stats["items"] < MIN_ITEMS:
        errors.append(f"{path.name}: only {stats['items']} items (< {MIN_ITEMS})")
    return errors, stats, cases, quals


def main(argv):
    """Check the given files (default: gold_*.jsonl beside this script); return the exit code."""
    paths = [Path(a) for a in argv] or sorted(HERE.glob("gold_*.jsonl"))
    if not paths:
        print("no gold_*.jsonl files found", file=sys.stderr)
        return 1
    all_errors = []
    for path in paths:
        errors, stats, cases, quals = check_file(path)
        all_errors += errors
        n = stats["items"] or 1
        print(f"== {path.name}: {stats['items']} items, {stats['claims']} claims "
              f"({100 * stats['claims'] / n:.0f}%), {stats['non_claims']} non-claims")
        print(f"   kinds: figure={stats['kind:figure']} attribution={stats['kind:attribution']} "
              f"both={stats['kind:both']}; figures={stats['figures']}")
        print("   qualifiers: " + ", ".join(f"{k}={v}" for k, v in sorted(quals.items())))
        print("   cases: " + ", ".join(f"{k}={v}" for k, v in sorted(cases.items())))
    return report(all_errors)


def report(all_errors):
    """Print the errors (or OK) and return the exit code."""
    for e in all_errors:
        print("ERROR " + e, file=sys.stderr)
    if all_errors:
        print(f"{len(all_errors)} error(s)", file=sys.stderr)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
