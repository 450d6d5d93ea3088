"""Settings passed explicitly through the pipeline (no module-level state)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .watchdog import Budget
from ..ingest.limits import ReadLimits
from ..store.graph_store import DEFAULT_STORE


@dataclass(frozen=True)
class Settings:
    """How to build: where the store is, which statements to keep, which gazetteers, and
    what one file may cost (``limits`` to read it, ``budget`` to take it through)."""

    store: Path = DEFAULT_STORE
    min_confidence: float = 0.0
    data_dir: str = ""  # gazetteer folder; "" = the repository's data/
    force: bool = False  # rebuild documents whose content is already in the store
    limits: ReadLimits = field(default_factory=ReadLimits)
    budget: Budget = field(default_factory=Budget)
