"""Kernel benchmarks: allocation and capital numerals."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from _measure import best_of, record

from schoollogistics import Money, allocate, to_capital


def bench_allocate(quick: bool) -> list[dict[str, Any]]:
    n = 20_000 if quick else 200_000
    totals = [Money.from_fen(i * 37 + 1) for i in range(n)]
    weights = [1, 2, 3]

    def ours() -> None:
        for total in totals:
            allocate(total, weights)

    def naive() -> None:  # the float-free but inexact baseline: round each share
        for total in totals:
            [(total.amount * w / 6).quantize(Decimal("0.01")) for w in weights]

    seconds, _ = best_of(3, ours)
    base, _ = best_of(3, naive)
    return [record("money.allocate", n / seconds, "allocations/s", n / base)]


def bench_capital(quick: bool) -> list[dict[str, Any]]:
    n = 20_000 if quick else 200_000
    amounts = [Money.from_fen(i * 7919) for i in range(n)]

    def run() -> None:
        for amount in amounts:
            to_capital(amount)

    seconds, _ = best_of(3, run)
    return [record("money.to_capital", n / seconds, "amounts/s")]


BENCHMARKS = {"money.allocate": bench_allocate, "money.to_capital": bench_capital}
