"""Start-up failures a person setting the tool up can act on."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_a_missing_package_is_named_instead_of_no_such_command(tmp_path):
    """A broken install (here: lxml_html_clean, which old pips leave out) says what is missing."""
    broken = tmp_path / "site" / "lxml_html_clean"
    broken.mkdir(parents=True)
    (broken / "__init__.py").write_text("raise ImportError('lxml_html_clean is not installed')\n")
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "site"),
           "DATABASE_URL": f"sqlite:///{tmp_path}/fc.db", "SECRET_KEY": "k"}
    result = subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", "db", "upgrade"],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "a required package is missing or broken" in result.stderr
    assert "lxml" in result.stderr
    assert "No such command" not in result.stderr
