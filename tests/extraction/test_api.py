"""Public API, spaCy components on a blank pipeline, decoding and the command line."""

import json

import pytest
import spacy

from factcheck.extraction import (
    ExtractedAttribution,
    ExtractedClaim,
    ExtractedFigure,
    ExtractionError,
    decode_bytes,
    extract,
    extract_many,
)
from factcheck.extraction.cli import main
from factcheck.extraction.components import register_extensions
from factcheck.extraction.language import detect_lang

EN = (
    "Officials said 40 people were hurt.\n\nThe weather was fine.\n\n"
    "More than 2,000 troops were sent."
)


def test_extract_returns_claims_with_document_offsets():
    claims = extract(EN, lang="en")
    assert [c.kinds for c in claims] == [["figure", "attribution"], ["figure"]]
    for c in claims:
        assert (
            isinstance(c, ExtractedClaim) and EN[c.start : c.end] == c.sentence and c.lang == "en"
        )
        assert 0.0 <= c.score <= 1.0 and c.features
        for f in c.figures:
            assert isinstance(f, ExtractedFigure) and EN[f.start : f.end] == f.text
    assert isinstance(claims[0].attribution, ExtractedAttribution)
    assert claims[0].attribution.speaker == "Officials"


def test_to_dict_is_json_ready():
    d = extract(EN, lang="en")[0].to_dict()
    assert json.loads(json.dumps(d))["attribution"]["cue"] == "said"
    assert set(d["figures"][0]) >= {
        "text",
        "start",
        "end",
        "value",
        "unit",
        "qualifier",
        "low",
        "high",
    }


def test_extract_many_keeps_order_and_detects_language():
    texts = [
        "The minister said 300 jobs would go.",
        "Le ministre a annoncé 300 suppressions de postes.",
        "Nothing to see here.",
    ]
    results = list(extract_many(texts, lang="auto"))
    assert [r[0].lang if r else None for r in results] == ["en", "fr", None]


def test_blank_pipeline_with_our_components():
    register_extensions()
    nlp = spacy.blank("en")
    nlp.add_pipe("factcheck_senter")
    nlp.add_pipe("factcheck_claims")
    doc = nlp("Mr. Smith said 12 people left. The end.")
    assert [s.text for s in doc.sents] == ["Mr. Smith said 12 people left.", "The end."]
    assert doc._.claims[0].figures[0].text == "12 people"


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Le gouvernement a annoncé une hausse des prix et les syndicats ont protesté.", "fr"),
        ("The government announced a rise in prices and the unions protested.", "en"),
    ],
)
def test_detect_lang(text, lang):
    assert detect_lang(text) == lang


def test_decode_bytes_utf8_latin1_and_binary():
    assert decode_bytes("déclaré".encode()) == "déclaré"
    assert decode_bytes(
        "Le ministre a déclaré que l'été serait chaud.".encode("cp1252")
    ).startswith("Le ministre")
    with pytest.raises(ExtractionError):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")


def test_cli_prints_one_json_object_per_claim(tmp_path, capsys):
    path = tmp_path / "a.txt"
    path.write_text(EN, encoding="utf-8")
    assert main(["extract", str(path), "--lang", "en"]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert len(lines) == 2 and EN[lines[0]["start"] : lines[0]["end"]] == lines[0]["sentence"]
    assert {"sentence", "start", "end", "kinds", "figures", "attribution", "score", "lang"} <= set(
        lines[0]
    )


@pytest.mark.parametrize("content", [b"\x00\x01\x02binary", None])
def test_cli_bad_input_exits_2(tmp_path, capsys, content):
    path = tmp_path / "bad.bin"
    if content is not None:
        path.write_bytes(content)
    assert main(["extract", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error:") and err.count("\n") == 1


def test_missing_model_falls_back_to_rules_with_a_warning(caplog):
    from factcheck.extraction.loader import get_nlp

    with caplog.at_level("WARNING", logger="factcheck.extraction.loader"):
        nlp = get_nlp("en", model="no_such_model_pkg")
    assert "not installed" in caplog.text and "parser" not in nlp.pipe_names
    assert nlp.pipe_names == ["factcheck_senter", "factcheck_claims"]


@pytest.mark.slow
def test_extract_many_with_two_worker_processes():
    texts = [f"Officials said {n} people were hurt." for n in range(2, 12)]
    results = list(extract_many(texts, lang="en", n_process=2, batch_size=2))
    assert [r[0].figures[0].value for r in results] == list(range(2, 12))


def test_engine_never_imports_flask():
    from pathlib import Path

    import factcheck.extraction as pkg

    for path in Path(pkg.__file__).parent.rglob("*.py"):
        assert "flask" not in path.read_text(encoding="utf-8").lower(), path


def test_language_runs_join_back_into_the_text_and_keep_short_lines_in_the_text_language():
    from factcheck.extraction.chunking import language_runs

    text = ("Le ministre a annoncé que les travaux reprendraient dans la région dès lundi.\n\n"
            "Breaking News\n\n"
            "The minister said that the work would start again in the region on Monday.\n\n"
            "Les élus de l'opposition ont dénoncé une décision prise dans la précipitation.")
    runs = language_runs(text)
    assert "".join(text[s:e] for s, e, _ in runs) == text
    assert [lang for _, _, lang in runs] == ["fr", "en", "fr"]
    assert text[runs[1][0]:runs[1][1]].startswith("The minister")  # the heading stays French
    assert language_runs("Un texte court.") == [(0, 15, "fr")]
