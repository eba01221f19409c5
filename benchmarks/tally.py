"""Counting how the predictor did on labelled drawings, the same way in every accuracy benchmark."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Tally:
    """Drawings read right, refused (no ink, or no digit) and misread, and which answers were marked unsure."""
    count: int = 0
    right: int = 0
    refused: int = 0
    unsure_right: int = 0
    unsure_wrong: int = 0
    misreads: Counter = field(default_factory=Counter)
    """"label->read" pairs by how often they happened."""

    def add(self, prediction, label: int) -> None:
        """Count one Prediction (or None, for a drawing with no ink) of a drawing of ``label``."""
        self.count += 1
        if prediction is None or prediction.no_digit:
            self.refused += 1
        elif prediction.digit == label:
            self.right += 1
            self.unsure_right += prediction.unsure
        else:
            self.misreads[f"{label}->{prediction.digit}"] += 1
            self.unsure_wrong += prediction.unsure

    HEADER = f"{'right':>7} {'refused':>8} {'unsure: of misreads':>20} {'of right':>9}  commonest misreads"

    def row(self) -> str:
        """The figures under HEADER's columns."""
        wrong = self.count - self.right - self.refused
        return (f"{self.right / self.count:7.2%} {self.refused / self.count:8.2%} "
                f"{self.unsure_wrong / max(wrong, 1):20.1%} {self.unsure_right / max(self.right, 1):9.1%}  "
                + ", ".join(f"{pair} x{times}" for pair, times in self.misreads.most_common(4)))
