"""The French and English catalogues cover every string in the code and templates."""
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import i18n  # noqa: E402


def _ids(path: Path) -> set:
    with path.open("rb") as handle:
        return {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle) if m.id}


def test_every_string_in_the_code_is_in_both_catalogues(tmp_path):
    pot = tmp_path / "messages.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract",
                    "-F", "babel.cfg", "-k", "_l", "-k", "lazy_gettext", "--no-location",
                    "-o", str(pot), "."], cwd=ROOT, check=True, capture_output=True)
    in_code = _ids(pot)
    for locale in ("fr", "en"):
        missing = in_code - _ids(i18n.catalogue_path(locale))
        assert not missing, f"run `make translations`: {locale} lacks {sorted(missing)[:5]}"


def test_no_message_is_left_untranslated():
    assert i18n.missing("fr") == [] and i18n.missing("en") == []



def test_french_strings_follow_french_typography():
    """No ordinary space before ':' ';' '!' '?' or inside « »: a no-break one, which a line
    never breaks at (the desk's copy editors check this first)."""
    with (ROOT / "factcheck/translations/fr/LC_MESSAGES/messages.po").open("rb") as handle:
        catalogue = read_po(handle)
    wrong = []
    for message in catalogue:
        if not message.id:
            continue
        texts = message.string if isinstance(message.string, tuple) else (message.string,)
        wrong += [t for t in texts if any(bad in t for bad in (" :", " ;", " !", " ?", "« ", " »"))]
    assert wrong == []
