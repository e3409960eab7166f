"""Calendar months: the plan steps month by month, so a month is the unit of time everywhere."""

from __future__ import annotations

import re
from dataclasses import dataclass

_PATTERN = re.compile(r"^([0-9]{4})-([0-9]{2})$")


@dataclass(frozen=True, order=True)
class YearMonth:
    """A calendar month such as 2027-03; ordered and convertible to a running month index."""

    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise ValueError(f"month must be 1 to 12, got {self.month}")
        if not 1900 <= self.year <= 2200:
            raise ValueError(f"year must be 1900 to 2200, got {self.year}")

    @classmethod
    def parse(cls, text: str) -> YearMonth:
        """Parse ``YYYY-MM``; raises ValueError with a user-readable message."""
        match = _PATTERN.fullmatch(text) if isinstance(text, str) else None
        if not match:
            raise ValueError(f"{text!r} is not a month in the form YYYY-MM")
        return cls(int(match.group(1)), int(match.group(2)))

    @classmethod
    def from_index(cls, index: int) -> YearMonth:
        return cls(index // 12, index % 12 + 1)

    @property
    def index(self) -> int:
        """Months since year 0; differences of indexes are month counts."""
        return self.year * 12 + self.month - 1

    def months_until_year(self, year: int) -> int:
        """Months from this month to January of ``year`` (negative when that lies before): how a
        target age counts, "by age A" meaning before the year the household turns A."""
        return YearMonth(year, 1).index - self.index

    def plus(self, months: int) -> YearMonth:
        return YearMonth.from_index(self.index + months)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"
