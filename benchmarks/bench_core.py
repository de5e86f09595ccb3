"""Kernel benchmarks: allocation and capital numerals.

Every ratio is measured with ``_measure.alternate`` (ours and the baseline in turn, A B A B
..., each run after a garbage collection, in process CPU time; medians of each side and
the median per-pair ratio; ``ratio`` > 1: ours is faster). The inputs are built outside
the timings.

* ``money.allocate``: ``allocate(total, [1, 2, 3])`` over N ``Money`` totals (allocations
  per second), against a *naive* Decimal split: each share ``total.amount * w / 6`` rounded
  to the fen with ``quantize`` (the context's half-even rounding). The naive split leaves
  out what ``allocate`` is for: its shares do not always add up to the total (DC-7); and
  it checks no weight, builds no ``Money`` (bare ``Decimal`` results) and works in
  ``Decimal`` arithmetic rather than in integer fen. It is the code ``allocate`` replaces,
  not the same computation.
* ``money.allocate.bare_fen``: the same ``allocate`` against a bare largest-remainder
  split in integer fen written inline (``divmod`` per weight, the leftover fen to the
  largest remainders), which gives the very same parts (checked on every total before
  timing). It leaves out: the weight checks (types, signs, size), the ``Money`` →
  fen conversion of the total and ``Money`` results, and the negative-total branch; the
  totals are given to it in fen.
* ``money.to_capital``: ``to_capital(amount)`` (the 大写 amount of an invoice) over N
  amounts, against ``cn2an.an2cn(text, "rmb")`` (an independent package, a test oracle of
  the project) on the same amounts given as text, built outside the timing; both give the
  same string for every amount (checked before timing). cn2an validates and parses its
  text argument; we take a ``Money``. When cn2an is not installed the figure is our rate
  alone (the median of five runs).
"""

from __future__ import annotations

import heapq
from decimal import Decimal
from typing import Any

from _measure import alternate, median_cpu, rate_record

from schoollogistics import Money, allocate, to_capital

_WEIGHTS = (1, 2, 3)


def _bare_split(total_fen: int, weights: tuple[int, ...]) -> tuple[int, ...]:
    """The largest-remainder split in integer fen, without any check (the bare baseline)."""
    whole = sum(weights)
    floors: list[int] = []
    remainders: list[int] = []
    for w in weights:
        q, r = divmod(total_fen * w, whole)
        floors.append(q)
        remainders.append(r)
    left = total_fen - sum(floors)
    if left:
        for i in heapq.nsmallest(left, range(len(weights)), key=lambda i: (-remainders[i], i)):
            floors[i] += 1
    return tuple(floors)


def bench_allocate(quick: bool) -> list[dict[str, Any]]:
    n = 10_000 if quick else 200_000
    pairs = 5 if quick else 9
    totals = [Money.from_fen(i * 37 + 1) for i in range(n)]
    fens = [total.fen for total in totals]
    weights = list(_WEIGHTS)

    def ours() -> list[tuple[Money, ...]]:
        return [allocate(total, weights) for total in totals]

    def naive() -> list[list[Decimal]]:
        six = sum(_WEIGHTS)
        fen = Decimal("0.01")
        return [[(total.amount * w / six).quantize(fen) for w in _WEIGHTS] for total in totals]

    def bare() -> list[tuple[int, ...]]:
        return [_bare_split(fen, _WEIGHTS) for fen in fens]

    def same_parts(mine: list[tuple[Money, ...]], theirs: list[tuple[int, ...]]) -> None:
        if [tuple(part.fen for part in parts) for parts in mine] != theirs:
            message = "the bare split gives other parts than allocate"
            raise RuntimeError(message)

    same_parts(ours(), bare())
    against_naive = alternate(ours, naive, pairs=pairs)
    against_bare = alternate(ours, bare, pairs=pairs)
    return [
        rate_record("money.allocate", n, against_naive, "allocations/s"),
        rate_record("money.allocate.bare_fen", n, against_bare, "allocations/s"),
    ]


def bench_capital(quick: bool) -> list[dict[str, Any]]:
    n = 10_000 if quick else 200_000
    amounts = [Money.from_fen(i * 7919) for i in range(n)]

    def ours() -> list[str]:
        return [to_capital(amount) for amount in amounts]

    try:
        import cn2an  # noqa: PLC0415 - optional (the 'test' group), benchmark only
    except ImportError:  # pragma: no cover - depends on the environment
        seconds, _ = median_cpu(5, ours)
        return [
            {
                "name": "money.to_capital",
                "value": round(n / seconds, 3),
                "unit": "amounts/s",
                "note": "no baseline: cn2an is not installed",
            }
        ]
    texts = [str(amount.amount) for amount in amounts]

    def theirs() -> list[str]:
        return [cn2an.an2cn(text, "rmb") for text in texts]

    if ours() != theirs():
        message = "cn2an writes some amount differently from to_capital"
        raise RuntimeError(message)
    measured = alternate(ours, theirs, pairs=5 if quick else 9)
    return [rate_record("money.to_capital", n, measured, "amounts/s")]


BENCHMARKS = {"money.allocate": bench_allocate, "money.to_capital": bench_capital}
