"""``python -m factcheck extract``: texts of any length, HTML reduced to its main text."""
import json

from factcheck.cli import main
from factcheck.extraction.chunking import CHUNK_CHARS
from factcheck.extraction.loader import get_nlp

PAGE = """<!DOCTYPE html>
<html><head><title>Coupures</title>
<style>.banner { width: 4500px; z-index: 9999 }</style>
<script>var visits = 123456; track("2,5 millions");</script></head>
<body><nav><a href="/">Accueil</a> · 48 commentaires · 5 min de lecture</nav>
<article><h1>Tempête : des foyers privés d'électricité</h1>
<p>Plus de 3 200 foyers restaient privés d'électricité jeudi soir dans le Doubs, a indiqué la
préfecture dans un communiqué publié en fin de journée.</p>
<p>Les équipes d'Enedis espèrent rétablir le courant partout d'ici samedi, malgré des routes
encore encombrées par les arbres tombés pendant la nuit.</p>
</article>
<footer>Rédaction, 12 rue des Granges, 25000 Besançon</footer></body></html>
"""


def _claims(capsys):
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_a_text_longer_than_spacy_accepts_is_extracted_in_pieces(tmp_path, capsys,
                                                                 monkeypatch):
    monkeypatch.setattr(get_nlp("en"), "max_length", CHUNK_CHARS + 1)
    sentence = "Officials said 40 people were hurt in the storm on Tuesday. "
    text = sentence * (3 * CHUNK_CHARS // len(sentence))  # one line, three pieces long
    path = tmp_path / "long.txt"
    path.write_text(text, encoding="utf-8")
    assert main(["extract", str(path), "--lang", "en"]) == 0
    claims = _claims(capsys)
    assert len(claims) == text.count("Officials")
    for claim in claims:
        assert text[claim["start"]:claim["end"]] == claim["sentence"]
        assert [f["value"] for f in claim["figures"]] == [40]


def test_html_is_read_for_its_main_text_and_offsets_index_that_text(tmp_path, capsys):
    page, text_out = tmp_path / "page.html", tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    assert main(["extract", str(page), "--lang", "fr", "--text-out", str(text_out)]) == 0
    claims = _claims(capsys)
    text = text_out.read_text(encoding="utf-8")
    assert "<" not in text and "visits" not in text and "commentaires" not in text
    assert [c["sentence"][:15] for c in claims] == ["Plus de 3 200 f"]
    assert text[claims[0]["start"]:claims[0]["end"]] == claims[0]["sentence"]
    assert [f["value"] for f in claims[0]["figures"]] == [3200]
    assert claims[0]["attribution"]["speaker"] == "la préfecture"


def test_html_is_recognised_without_its_suffix_and_can_be_read_as_text(tmp_path, capsys):
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    assert main(["extract", str(page), "--lang", "fr"]) == 0
    values = {f["value"] for c in _claims(capsys) for f in c["figures"]}
    assert values == {3200}  # nothing from the script, the style or the navigation
    assert main(["extract", str(page), "--lang", "fr", "--format", "text"]) == 0
    claims = _claims(capsys)  # asked for as text, the markup is text too: offsets index it
    assert [c["start"] for c in claims] == [PAGE.index("Plus de 3 200")]
    assert {f["value"] for c in claims for f in c["figures"]} == {3200}  # counters masked


def test_a_page_without_article_text_is_an_error_line_and_exit_2(tmp_path, capsys):
    page = tmp_path / "empty.html"
    page.write_text("<html><head><title>x</title></head><body></body></html>",
                    encoding="utf-8")
    assert main(["extract", str(page)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {page}: ") and err.count("\n") == 1 and "article" in err


MIXED = (
    "Le gouvernement a annoncé mardi une hausse de 3,5 % du budget de la Défense, selon le "
    "ministère des Armées.\n\n"
    "\"We will send more than 2,000 engineers to the region by the end of the year,\" the "
    "British defence secretary said on Tuesday in London.\n\n"
    "Breaking News\n\n"
    "Interrogé par la presse, le ministre a indiqué que 1,5 million d'euros seraient "
    "débloqués.\n")


def test_with_lang_auto_a_paragraph_in_the_other_language_is_read_in_it(tmp_path, capsys):
    path = tmp_path / "mixed.txt"
    path.write_text(MIXED, encoding="utf-8")
    assert main(["extract", str(path)]) == 0
    claims = _claims(capsys)
    assert [(c["lang"], [f["value"] for f in c["figures"]]) for c in claims] == [
        ("fr", [3.5]), ("en", [2000]), ("fr", [1_500_000])]  # "2,000" read the English way
    assert claims[1]["attribution"]["speaker"] == "the British defence secretary"
    assert main(["extract", str(path), "--lang", "fr"]) == 0  # one language when asked for
    assert {c["lang"] for c in _claims(capsys)} == {"fr"}
