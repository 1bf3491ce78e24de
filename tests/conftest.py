"""Shared fixtures. ``shared_dir`` is ../shared beside the repository, present on the
developers' machines and in CI but not on a user's: tests that need it skip cleanly."""
from __future__ import annotations

import warnings
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"

warnings.filterwarnings("ignore", category=FutureWarning)


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "seeds" / "reading.json").exists():
        pytest.skip("../shared is not beside the repository")
    return SHARED


@pytest.fixture(scope="session")
def nlp():
    from evx.nlp.pipeline import build_pipeline
    return build_pipeline()
