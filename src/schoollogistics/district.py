"""Audits of many schools, on a Dask cluster or in-process (extra ``dask``).

``pip install "schoollogistics[dask]"`` installs dask and distributed; both are
imported only when a client is given, and a missing one is named with the extra
to install.

The driver sends each worker a *key* (a school id, a path, an object-store
address), never the school's data: the worker calls the caller's *loader* on
the key, runs the function and sends back its result (for an audit, a tuple of
violations, small). So that nothing large travels, the loader reads the data
where it lives; this module does no I/O itself, the loader does.

The loader and the function are pickled to the workers: they must be
module-level functions (or ``functools.partial`` of them) of a module installed
on every worker, not lambdas or closures of the driver's session.

Without a client the same calls run in-process, one key after the other: the
reference the Dask run must equal (the same keys, the same results, in the
order of ``keys``).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import TYPE_CHECKING, Final, TypeVar

from schoollogistics.core import _columnar
from schoollogistics.core.time import DateRange
from schoollogistics.core.violations import Violation
from schoollogistics.food_samples import RetentionPolicy, SampleLog, audit_log

if TYPE_CHECKING:
    from distributed import Client

__all__ = ["EXTRA", "AuditFood", "audit_district", "map_schools"]

EXTRA: Final = "dask"
"""The extra that installs what this module needs: ``schoollogistics[dask]``."""

K = TypeVar("K", bound=Hashable)
D = TypeVar("D")
R = TypeVar("R")


def _require_distributed() -> None:
    """Import dask and distributed, or raise an ImportError naming the extra."""
    try:
        import dask  # noqa: F401, PLC0415 - optional, imported lazily
        import distributed  # noqa: F401, PLC0415 - optional, imported lazily
    except ImportError as error:
        msg = (
            "schoollogistics.district needs dask and distributed for a cluster run: "
            f'pip install "schoollogistics[{EXTRA}]"'
        )
        raise ImportError(msg, name=error.name) from error


class _Packed:
    """Violations on their way back from a worker: pickled column-wise."""

    __slots__ = ("violations",)

    def __init__(self, violations: tuple[Violation, ...]) -> None:
        self.violations = violations

    def __reduce__(self) -> tuple[object, ...]:
        return _unpacked, (_columnar.pack_union(Violation, self.violations),)


def _unpacked(packed: _columnar.Packed) -> _Packed:
    return _Packed(tuple(_columnar.unpack_union(Violation, packed)))  # type: ignore[arg-type]  # the payload holds violations


def _load_and_run(fn: Callable[[D], R], loader: Callable[[K], D], key: K) -> object:
    """What a worker runs: load the key's data there, apply ``fn``, pack violations."""
    result = fn(loader(key))
    if isinstance(result, tuple) and all(isinstance(item, Violation) for item in result):
        return _Packed(result)
    return result


def _unpack(result: object) -> object:
    return result.violations if isinstance(result, _Packed) else result


def map_schools(
    fn: Callable[[D], R],
    loader: Callable[[K], D],
    keys: Sequence[K],
    *,
    client: Client | None = None,
) -> dict[K, R]:
    """Apply ``fn`` to the data of every school, each loaded where it runs.

    Args:
        fn: What to compute from one school's data (a module-level function).
        loader: Loads one school's data from its key (a module-level function or a
            ``functools.partial`` of one, importable on every worker).
        keys: The schools' keys (ids, paths...), each once.
        client: A ``distributed.Client``; ``None`` runs in-process, in order.

    Returns:
        The result of each key, in the order of ``keys``. A tuple of violations
        comes back from a worker pickled column-wise (compact).

    Raises:
        ValueError: a key is given twice.
        ImportError: a client is given but dask or distributed is missing.
    """
    if len(set(keys)) != len(keys):
        msg = "each key must be given once"
        raise ValueError(msg)
    if client is None:
        return {key: fn(loader(key)) for key in keys}
    _require_distributed()
    futures = client.map(_load_and_run, [fn] * len(keys), [loader] * len(keys), list(keys))
    results = client.gather(futures)  # type: ignore[no-untyped-call]  # distributed is untyped there
    return {key: _unpack(result) for key, result in zip(keys, results, strict=True)}  # type: ignore[misc]  # gather returns the mapped results


class AuditFood:
    """The food-sample audit of one school's log, as a picklable function.

    Args:
        period: The days to audit over (``None``: from the first to the last day
            of the log's meals; a log without meals has no findings).
        policy: The retention policy (default: the national rules).
    """

    __slots__ = ("period", "policy")

    def __init__(
        self, period: DateRange | None = None, policy: RetentionPolicy | None = None
    ) -> None:
        self.period = period
        self.policy = RetentionPolicy() if policy is None else policy

    def __call__(self, log: SampleLog) -> tuple[Violation, ...]:
        """The findings of ``log`` (FS-1 … FS-8)."""
        period = self.period
        if period is None:
            if not log.meals:
                return ()
            days = [meal.day for meal in log.meals]
            period = DateRange(min(days), max(days))
        return audit_log(log, self.policy, period)

    def __reduce__(self) -> tuple[object, ...]:
        return AuditFood, (self.period, self.policy)


def audit_district(
    loader: Callable[[K], SampleLog],
    keys: Sequence[K],
    *,
    audit: Callable[[SampleLog], tuple[Violation, ...]] | None = None,
    client: Client | None = None,
) -> dict[K, tuple[Violation, ...]]:
    """The food-sample audit of every school of a district, each log loaded where it is audited.

    Args:
        loader: Loads one school's ``SampleLog`` from its key (see
            [`map_schools`][schoollogistics.district.map_schools]).
        keys: The schools' keys, each once.
        audit: The audit of one log (default [`AuditFood()`][schoollogistics.district.AuditFood]).
        client: A ``distributed.Client``; ``None`` runs in-process (the reference).

    Returns:
        The findings of each school, in the order of ``keys``.
    """
    return map_schools(AuditFood() if audit is None else audit, loader, keys, client=client)
