"""A small deterministic number stream (SplitMix64), so that src/ needs no ``random``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final, TypeVar

__all__ = ["Stream"]

_MASK: Final = (1 << 64) - 1
_GOLDEN: Final = 0x9E3779B97F4A7C15

T = TypeVar("T")


def _mix(z: int) -> int:
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
    return z ^ (z >> 31)


class Stream:
    """SplitMix64 numbers from integer keys: the same keys give the same numbers."""

    __slots__ = ("_state",)

    def __init__(self, *keys: int) -> None:
        state = _GOLDEN
        for key in keys:
            state = _mix((state ^ key) & _MASK)
        self._state = state

    def next(self) -> int:
        """The next 64-bit number."""
        self._state = (self._state + _GOLDEN) & _MASK
        return _mix(self._state)

    def below(self, bound: int) -> int:
        """A number in ``range(bound)`` (``bound`` is small: the bias is negligible)."""
        return self.next() % bound

    def choice(self, items: Sequence[T]) -> T:
        """One of ``items``."""
        return items[self.below(len(items))]
