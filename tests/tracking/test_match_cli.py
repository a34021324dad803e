"""``python -m factcheck match``: the stable command-line contract."""
import json
import subprocess
import sys

import pytest

from factcheck.tracking.matching.cli import match_lines

SAME = {"id": "p1", "a": {"text": "Plus de 10 000 soldats nord-coréens ont été déployés en "
                                  "Russie, a déclaré Séoul.", "lang": "fr"},
        "b": {"text": "More than 10,000 North Korean soldiers have been deployed to Russia, "
                      "Seoul said.", "lang": "en"}}
CONFLICT = {"id": 2, "a": {"text": "Plus de 10 000 soldats nord-coréens ont été déployés en "
                                   "Russie, selon Séoul.", "lang": "fr"},
            "b": {"text": "Environ 15 000 soldats nord-coréens ont été déployés en Russie, "
                          "selon Séoul.", "lang": "fr"}}
DIFFERENT = {"id": "p3", "a": {"text": "Le chômage a atteint 7,5 % en 2023, selon l'Insee.",
                               "lang": "fr"},
             "b": {"text": "Le chômage a atteint 7,5 % en 2019, selon l'Insee.", "lang": "fr"}}


def _run(stdin: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "factcheck", "match", "-"], input=stdin,
                          capture_output=True, text=True, timeout=120)


def test_stdin_pairs_get_one_answer_each_in_order():
    lines = "".join(json.dumps(p, ensure_ascii=False) + "\n" for p in (SAME, CONFLICT, DIFFERENT))
    done = _run(lines)
    assert done.returncode == 0, done.stderr
    answers = [json.loads(line) for line in done.stdout.splitlines()]
    assert [(a["id"], a["relation"]) for a in answers] == [
        ("p1", "same"), (2, "conflict"), ("p3", "different")]
    assert all(set(a) == {"id", "relation", "score"} and 0 <= a["score"] <= 1 for a in answers)


def test_a_file_argument_works_like_stdin(tmp_path):
    path = tmp_path / "pairs.jsonl"
    path.write_text(json.dumps(SAME) + "\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "factcheck", "match", str(path)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and json.loads(done.stdout)["relation"] == "same"


@pytest.mark.parametrize("line, message", [
    ("not json", "not JSON"),
    ("[1, 2]", "JSON object"),
    ('{"a": {"text": "x", "lang": "fr"}, "b": {"text": "y", "lang": "fr"}}', '"id"'),
    ('{"id": 1, "a": {"text": "", "lang": "fr"}, "b": {"text": "y", "lang": "fr"}}', "a.text"),
    ('{"id": 1, "a": {"text": "x", "lang": "de"}, "b": {"text": "y", "lang": "fr"}}', "a.lang"),
    ('{"id": 1, "a": {"text": "x", "lang": "fr"}}', '"b"'),
])
def test_a_bad_line_gets_one_error_line_naming_it_and_exit_status_2(line, message):
    out, err = _Buffer(), _Buffer()
    status = match_lines([json.dumps(SAME) + "\n", line + "\n"], out, err)
    assert status == 2
    assert len(out.lines()) == 1  # the good line is still answered
    [error] = err.lines()
    assert error.startswith("error: line 2: ") and message in error


def test_a_missing_file_is_an_error_line_and_status_2(tmp_path):
    done = subprocess.run([sys.executable, "-m", "factcheck", "match", str(tmp_path / "nope")],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and done.stderr.startswith("error: ")
    assert len(done.stderr.strip().splitlines()) == 1


class _Buffer:
    def __init__(self):
        self.text = ""

    def write(self, s):
        self.text += s

    def flush(self):
        pass

    def lines(self):
        return self.text.splitlines()
