#!/usr/bin/env python3
"""Validate the hand-labelled scraped-news documents (news_fr.jsonl, news_en.jsonl).

Usage: python3 tests/data/news_docs/check_news.py [FILE ...]
With no argument, checks every news_*.jsonl file next to this script.
Prints counts per file (documents, claims, figures, kinds, qualifiers, speakers by
case, furniture by why); exits 1 on any error. Standard library only.
"""
import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # the sentence gold sets' checker, beside this folder
from check_gold import QUALIFIERS as GOLD_QUALIFIERS  # noqa: E402
from check_gold import is_int, is_num, report  # noqa: E402
from check_gold import is_nonempty_str as is_str  # noqa: E402

DOC_KEYS = {"id", "lang", "text", "claims", "furniture"}
CLAIM_KEYS = {"start", "end", "sentence", "kinds", "figures", "speaker", "case"}
FIG_KEYS = {"text", "start", "end", "value", "low", "high", "unit", "qualifier"}
SPK_KEYS = {"name", "start", "end", "mention", "mention_start", "mention_end"}
FURN_KEYS = {"start", "end", "text", "why"}
KIND_ORDER = ["figure", "attribution"]
QUALIFIERS = GOLD_QUALIFIERS
NULL_MENTION_CASES = {"quote-continuation"}
PRONOUNS = {"il", "elle", "ils", "elles", "he", "she", "it", "they"}
MIN_DOCS = 12
ID_RE = re.compile(r"^news-(?:dev-)?(fr|en)-\d{2}$")


def check_span(text, s, e, quoted, where, errors, lo=0, hi=None):
    """Check that s:e is a valid span of text inside [lo, hi] and equals quoted."""
    hi = len(text) if hi is None else hi
    if not (is_int(s) and is_int(e)):
        errors.append(f"{where}: start/end must be integers, got {s!r}:{e!r}")
        return False
    if not is_str(quoted):
        errors.append(f"{where}: quoted text must be a non-empty string")
        return False
    if not (lo <= s < e <= hi):
        errors.append(f"{where}: span {s}:{e} outside [{lo}, {hi}]")
        return False
    if text[s:e] != quoted:
        errors.append(f"{where}: text[{s}:{e}]={text[s:e]!r} != {quoted!r}")
        return False
    if quoted != quoted.strip():
        errors.append(f"{where}: span has leading/trailing whitespace: {quoted!r}")
    return True


# --- figures ----------------------------------------------------------------------------------


def check_figure(fig, text, claim, where, errors, stats):
    """Check one figure (span inside its claim, value, range, unit, qualifier)."""
    if not isinstance(fig, dict) or set(fig) != FIG_KEYS:
        errors.append(f"{where}: figure keys must be {sorted(FIG_KEYS)}")
        return None
    if not check_span(text, fig["start"], fig["end"], fig["text"], where, errors,
                      claim["start"], claim["end"]):
        return None
    if not is_num(fig["value"]):
        errors.append(f"{where}: value must be a number, got {fig['value']!r}")
    q = fig["qualifier"]
    if q not in QUALIFIERS:
        errors.append(f"{where}: qualifier {q!r} not allowed")
    if q == "range":
        lo, hi = fig["low"], fig["high"]
        if not (is_num(lo) and is_num(hi)) or lo > hi:
            errors.append(f"{where}: range needs numeric low <= high, got {lo!r}, {hi!r}")
        elif fig["value"] != lo:
            errors.append(f"{where}: range value {fig['value']!r} should equal low {lo!r}")
    elif fig["low"] is not None or fig["high"] is not None:
        errors.append(f"{where}: low/high must be null unless qualifier is 'range'")
    if fig["unit"] is not None and not is_str(fig["unit"]):
        errors.append(f"{where}: unit must be null or a non-empty string")
    stats["qual:" + (q or "none")] += 1
    return (fig["start"], fig["end"])


def check_sorted_disjoint(spans, where, what, errors):
    """Report spans that are not in increasing order or that overlap."""
    for (s1, e1), (s2, e2) in zip(spans, spans[1:], strict=False):
        if s2 < e1:
            errors.append(f"{where}: {what} {s1}:{e1} and {s2}:{e2} overlap or are out of order")


# --- speaker ----------------------------------------------------------------------------------


def check_speaker(spk, text, claim, where, errors):
    """Check a speaker: name span in text (before or inside the claim, or later for a
    cataphoric quote-continuation), mention span inside the sentence."""
    if not isinstance(spk, dict) or set(spk) != SPK_KEYS:
        errors.append(f"{where}: speaker keys must be {sorted(SPK_KEYS)}")
        return
    if not check_span(text, spk["start"], spk["end"], spk["name"], where + " name", errors):
        return
    m, ms, me = spk["mention"], spk["mention_start"], spk["mention_end"]
    if m is None:
        if ms is not None or me is not None:
            errors.append(f"{where}: null mention needs null mention_start/mention_end")
        if claim["case"] not in NULL_MENTION_CASES:
            errors.append(
                f"{where}: null mention only allowed for case {sorted(NULL_MENTION_CASES)}")
        return
    if not check_span(text, ms, me, m, where + " mention", errors, claim["start"], claim["end"]):
        return
    in_claim = claim["start"] <= spk["start"] and spk["end"] <= claim["end"]
    if in_claim and (spk["start"], spk["end"]) != (ms, me):
        errors.append(f"{where}: name occurs in the sentence, so mention must be that same span")
    if m.lower() == spk["name"].lower() and (spk["start"], spk["end"]) != (ms, me):
        errors.append(f"{where}: mention equals the name but points elsewhere")
    if not in_claim and spk["end"] > claim["start"]:
        errors.append(f"{where}: name occurrence {spk['start']}:{spk['end']} is after the claim")


def resolution(spk):
    """How a speaker is found: named in the sentence, pronoun, other reference, or none."""
    m = spk.get("mention")
    if m is None:
        return "no-mention"
    if (spk.get("start"), spk.get("end")) == (spk.get("mention_start"), spk.get("mention_end")):
        return "named-in-sentence"
    if isinstance(m, str) and m.lower() in PRONOUNS:
        return "pronoun"
    return "short-reference"


# --- claims -----------------------------------------------------------------------------------


def check_figures(figs, text, claim, where, errors, stats):
    """Check a claim's figures, each and their order."""
    spans = []
    for i, fig in enumerate(figs):
        sp = check_figure(fig, text, claim, f"{where} fig#{i}", errors, stats)
        if sp:
            spans.append(sp)
    check_sorted_disjoint(spans, where, "figures", errors)


def kinds_ok(kinds):
    """A non-empty list of kinds, each once, in KIND_ORDER's order."""
    return isinstance(kinds, list) and bool(kinds) and len(set(kinds)) == len(kinds) \
        and kinds == [k for k in KIND_ORDER if k in kinds]


def check_claim(claim, text, where, errors, stats, cases):
    """Check one claim; return its (start, end) span or None."""
    if not isinstance(claim, dict) or set(claim) != CLAIM_KEYS:
        errors.append(f"{where}: claim keys must be {sorted(CLAIM_KEYS)}")
        return None
    if not check_span(text, claim["start"], claim["end"], claim["sentence"], where, errors):
        return None
    kinds = claim["kinds"]
    if not kinds_ok(kinds):
        errors.append(f"{where}: kinds must be a non-empty ordered subset of {KIND_ORDER}")
        return None
    if not is_str(claim["case"]):
        errors.append(f"{where}: case must be a non-empty string")
    figs = claim["figures"]
    if not isinstance(figs, list):
        errors.append(f"{where}: figures must be a list")
        return None
    if ("figure" in kinds) != bool(figs):
        errors.append(f"{where}: figures must be non-empty iff 'figure' in kinds")
    if ("attribution" in kinds) != (claim["speaker"] is not None):
        errors.append(f"{where}: speaker must be non-null iff 'attribution' in kinds")
    check_figures(figs, text, claim, where, errors, stats)
    if claim["speaker"] is not None:
        check_speaker(claim["speaker"], text, claim, f"{where} speaker", errors)
    count_claim(claim, stats, cases)
    return (claim["start"], claim["end"])


def count_claim(claim, stats, cases):
    """Add a checked claim to the counts printed per file."""
    kinds, figs = claim["kinds"], claim["figures"]
    if claim["speaker"] is not None:
        stats["speakers"] += 1
        if isinstance(claim["case"], str):
            cases["speaker:" + claim["case"]] += 1
        stats["resolution:" + resolution(claim["speaker"])] += 1
        if claim["speaker"].get("mention") is None:
            stats["null_mentions"] += 1
    stats["claims"] += 1
    stats["figures"] += len(figs)
    for k in kinds:
        stats["kind:" + k] += 1
    if len(kinds) == 2:
        stats["kind:both"] += 1
    if isinstance(claim["case"], str):
        cases[claim["case"]] += 1


def check_furniture(items, text, claim_spans, where, errors, whys):
    """Check furniture spans: exact, ordered, disjoint, outside every claim."""
    if not isinstance(items, list):
        errors.append(f"{where}: furniture must be a list")
        return
    spans = []
    for i, f in enumerate(items):
        w = f"{where} furniture#{i}"
        if not isinstance(f, dict) or set(f) != FURN_KEYS:
            errors.append(f"{w}: keys must be {sorted(FURN_KEYS)}")
            continue
        if not is_str(f["why"]):
            errors.append(f"{w}: why must be a non-empty string")
        if not check_span(text, f["start"], f["end"], f["text"], w, errors):
            continue
        for cs, ce in claim_spans:
            if f["start"] < ce and cs < f["end"]:
                errors.append(f"{w}: {f['text']!r} overlaps claim {cs}:{ce}")
        spans.append((f["start"], f["end"]))
        whys[f["why"]] += 1
    check_sorted_disjoint(spans, where, "furniture", errors)


def check_doc(doc, where, lang, errors, ids, counters):
    """Check one document line."""
    stats, cases, whys = counters
    if not isinstance(doc, dict) or set(doc) != DOC_KEYS:
        errors.append(f"{where}: document keys must be {sorted(DOC_KEYS)}")
        return
    if not isinstance(doc["id"], str) or not ID_RE.match(doc["id"]):
        errors.append(f"{where}: bad id {doc['id']!r}")
    elif doc["id"] in ids:
        errors.append(f"{where}: duplicate id {doc['id']}")
    ids.add(doc["id"])
    if doc["lang"] != lang or (isinstance(doc["id"], str) and f"-{lang}-" not in doc["id"]):
        errors.append(f"{where}: lang {doc['lang']!r} / id does not match file language {lang!r}")
    text = doc["text"]
    if not is_str(text):
        errors.append(f"{where}: text must be a non-empty string")
        return
    if not isinstance(doc["claims"], list) or not doc["claims"]:
        errors.append(f"{where}: claims must be a non-empty list")
        return
    spans = []
    for i, claim in enumerate(doc["claims"]):
        sp = check_claim(claim, text, f"{where} {doc['id']} claim#{i}", errors, stats, cases)
        if sp:
            spans.append(sp)
    check_sorted_disjoint(spans, f"{where} {doc['id']}", "claims", errors)
    check_furniture(doc["furniture"], text, spans, f"{where} {doc['id']}", errors, whys)
    stats["documents"] += 1


def check_file(path):
    """Check one news file; return (errors, stats, cases, whys)."""
    errors, stats, cases, whys = [], Counter(), Counter(), Counter()
    m = re.match(r"news_(?:dev_)?([a-z]+)\.jsonl$", path.name)
    lang = m.group(1) if m else "?"
    try:
        raw = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return [f"{path}: cannot read as UTF-8: {exc}"], stats, cases, whys
    if "\\u" in raw:
        errors.append(f"{path.name}: contains \\u escapes; write real characters")
    lines = raw.split("\n")
    ids = set()
    for n, line in enumerate(lines, 1):
        where = f"{path.name}:{n}"
        if not line.strip():
            if n != len(lines):
                errors.append(f"{where}: blank line")
            continue
        try:
            doc = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append(f"{where}: invalid JSON: {exc}")
            continue
        check_doc(doc, where, lang, errors, ids, (stats, cases, whys))
    if stats["documents"] < MIN_DOCS:
        errors.append(f"{path.name}: only {stats['documents']} documents (< {MIN_DOCS})")
    return errors, stats, cases, whys


def fmt(counter, prefix=""):
    """Format the counter entries starting with prefix as 'k=v, ...'."""
    items = sorted((k[len(prefix):], v) for k, v in counter.items() if k.startswith(prefix) and v)
    return ", ".join(f"{k}={v}" for k, v in items)


def main(argv):
    """Check the given files (default: news_*.jsonl beside this script); return exit code."""
    paths = [Path(a) for a in argv] or sorted(HERE.glob("news_*.jsonl"))
    if not paths:
        print("no news_*.jsonl files found", file=sys.stderr)
        return 1
    all_errors = []
    for path in paths:
        errors, stats, cases, whys = check_file(path)
        all_errors += errors
        print(f"== {path.name}: {stats['documents']} documents, {stats['claims']} claims, "
              f"{stats['figures']} figures, {stats['speakers']} speakers "
              f"({stats['null_mentions']} with null mention)")
        print(f"   kinds: figure={stats['kind:figure']} attribution={stats['kind:attribution']} "
              f"both={stats['kind:both']}")
        print("   qualifiers: " + fmt(stats, "qual:"))
        print("   claims by case: " + ", ".join(
            f"{k}={v}" for k, v in sorted(cases.items()) if not k.startswith("speaker:")))
        print("   speakers by resolution: " + fmt(stats, "resolution:"))
        print("   speakers by case: " + fmt(cases, "speaker:"))
        print(f"   furniture ({sum(whys.values())}) by why: " + fmt(whys))
    return report(all_errors)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
