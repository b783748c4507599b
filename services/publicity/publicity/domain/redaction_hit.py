"""One candidate replacement found by a detector, before overlaps are resolved."""
from dataclasses import dataclass


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    kind: str
    replacement: str
    reason_zh: str
    reason_en: str
    rank: int = 5  # lower wins when two hits of the same length start at the same place
