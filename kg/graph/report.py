"""What a store holds and what a build did to it, as interfaces report them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kg.graph.store import Store
from kg.ingest import Skipped

__all__ = ["BuildReport", "DocumentSummary", "StoreStatus", "store_status"]


@dataclass(frozen=True)
class DocumentSummary:
    source: Path
    format: str
    sections: int
    topics: int
    encoding_repaired: bool


@dataclass(frozen=True)
class BuildReport:
    """What a build read, skipped and wrote."""

    store: Path
    documents: tuple[DocumentSummary, ...]
    skipped: tuple[Skipped, ...]
    triples: int
    seconds: float
    concepts: int = 0
    relations: dict[str, int] = field(default_factory=dict)
    parameters: int = 0  # parameters of callables (`kg:Parameter` nodes)

    @property
    def sections(self) -> int:
        return sum(d.sections for d in self.documents)

    @property
    def topics(self) -> int:
        return sum(d.topics for d in self.documents)


@dataclass(frozen=True)
class StoreStatus:
    """Where the graph lives (a folder or a server URL), whether one is built, and which build
    is live (`generation` changes with every build: a cache key)."""

    location: str
    exists: bool
    generation: str | None


def store_status(store: Store) -> StoreStatus:
    exists = store.exists()
    generation = store.live_generation().name if exists else None
    return StoreStatus(str(store.path), exists, generation)
