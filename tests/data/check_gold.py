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
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def check_figure(fig, text, where, errors):
    if not isinstance(fig, dict):
        errors.append(f"{where}: figure is not an object")
        return None
    keys = set(fig)
    if keys != FIG_KEYS:
        errors.append(f"{where}: figure keys {sorted(keys)} != {sorted(FIG_KEYS)}")
        return None
    s, e, ft = fig["start"], fig["end"], fig["text"]
    if not (isinstance(s, int) and isinstance(e, int)) or isinstance(s, bool) or isinstance(e, bool):
        errors.append(f"{where}: start/end must be integers")
        return None
    if not isinstance(ft, str) or not ft:
        errors.append(f"{where}: figure text must be a non-empty string")
        return None
    if not (0 <= s < e <= len(text)):
        errors.append(f"{where}: bad offsets {s}:{e} for text of length {len(text)}")
        return None
    if text[s:e] != ft:
        errors.append(f"{where}: text[{s}:{e}]={text[s:e]!r} != {ft!r}")
    if ft != ft.strip():
        errors.append(f"{where}: figure text has leading/trailing whitespace: {ft!r}")
    if not is_num(fig["value"]):
        errors.append(f"{where}: value must be a number, got {fig['value']!r}")
    q = fig["qualifier"]
    if q not in QUALIFIERS:
        errors.append(f"{where}: qualifier {q!r} not in {sorted(x for x in QUALIFIERS if x)}")
    lo, hi = fig["low"], fig["high"]
    if q == "range":
        if not (is_num(lo) and is_num(hi)):
            errors.append(f"{where}: range needs numeric low/high")
        else:
            if lo > hi:
                errors.append(f"{where}: low {lo} > high {hi}")
            if is_num(fig["value"]) and fig["value"] != lo:
                errors.append(f"{where}: range value {fig['value']} should equal low {lo}")
    elif lo is not None or hi is not None:
        errors.append(f"{where}: low/high must be null unless qualifier is 'range'")
    u = fig["unit"]
    if u is not None and (not isinstance(u, str) or not u.strip()):
        errors.append(f"{where}: unit must be null or a non-empty string")
    return (s, e)


def check_file(path):
    errors = []
    stats = Counter()
    cases = Counter()
    quals = Counter()
    texts = set()
    try:
        raw = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return [f"{path}: cannot read as UTF-8: {exc}"], stats, cases, quals
    for n, line in enumerate(raw.split("\n"), 1):
        where = f"{path.name}:{n}"
        if not line.strip():
            if n != raw.count("\n") + 1:  # only a final trailing newline is allowed
                errors.append(f"{where}: blank line")
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append(f"{where}: invalid JSON: {exc}")
            continue
        if not isinstance(item, dict):
            errors.append(f"{where}: line is not a JSON object")
            continue
        keys = set(item)
        if keys != ITEM_KEYS:
            errors.append(f"{where}: keys {sorted(keys)} != {sorted(ITEM_KEYS)}")
            continue
        text, claim, kinds = item["text"], item["claim"], item["kinds"]
        figs, speaker, case = item["figures"], item["speaker"], item["case"]
        if not isinstance(text, str) or not text.strip():
            errors.append(f"{where}: text must be a non-empty string")
            continue
        if text in texts:
            errors.append(f"{where}: duplicate text")
        texts.add(text)
        if not isinstance(claim, bool):
            errors.append(f"{where}: claim must be a boolean")
        if not isinstance(kinds, list) or not set(kinds) <= KINDS or len(set(kinds)) != len(kinds):
            errors.append(f"{where}: kinds must be a list of distinct values from {sorted(KINDS)}")
            continue
        if not isinstance(figs, list):
            errors.append(f"{where}: figures must be a list")
            continue
        if not isinstance(case, str) or not case.strip():
            errors.append(f"{where}: case must be a non-empty string")
        if claim != bool(kinds):
            errors.append(f"{where}: claim={claim} but kinds={kinds}")
        if ("figure" in kinds) != bool(figs):
            errors.append(f"{where}: 'figure' in kinds must match non-empty figures")
        if ("attribution" in kinds) != (speaker is not None):
            errors.append(f"{where}: speaker must be non-null iff 'attribution' in kinds")
        if speaker is not None:
            if not isinstance(speaker, str) or not speaker.strip():
                errors.append(f"{where}: speaker must be null or a non-empty string")
            elif speaker not in text:
                errors.append(f"{where}: speaker {speaker!r} not found in text")
        spans = []
        for i, fig in enumerate(figs):
            sp = check_figure(fig, text, f"{where} fig#{i}", errors)
            if sp:
                spans.append(sp)
                quals[fig["qualifier"] or "none"] += 1
        spans.sort()
        for (s1, e1), (s2, e2) in zip(spans, spans[1:], strict=False):
            if s2 < e1:
                errors.append(f"{where}: overlapping figures {s1}:{e1} and {s2}:{e2}")
        stats["items"] += 1
        stats["claims" if claim else "non_claims"] += 1
        stats["figures"] += len(figs)
        for k in kinds:
            stats["kind:" + k] += 1
        if set(kinds) == KINDS:
            stats["kind:both"] += 1
        if isinstance(case, str):
            cases[case] += 1
    if stats["items"] < MIN_ITEMS:
        errors.append(f"{path.name}: only {stats['items']} items (< {MIN_ITEMS})")
    return errors, stats, cases, quals


def main(argv):
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
    for e in all_errors:
        print("ERROR " + e, file=sys.stderr)
    if all_errors:
        print(f"{len(all_errors)} error(s)", file=sys.stderr)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
