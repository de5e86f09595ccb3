"""District benchmarks: compact pickling of a school year, and audits on a Dask cluster.

* ``district.pickle_size``: the pickled bytes of one school year of food samples
  (3 meals x 9 dishes x 365 days = 9,855 samples and disposals, a cabinet read every
  30 minutes = 17,666 readings: the issue's ~10k-sample year), column-wise (new)
  against the record-by-record default of attrs and pendulum (``baseline``: the
  log's tuples of records pickled as they are, as before ``SampleLog.__reduce__``);
  ``ratio`` = new / old (target: at most 200 kB, a small fraction).
* ``district.pickle_dumps`` / ``district.pickle_loads``: the time of one
  ``pickle.dumps`` / ``pickle.loads`` of that year, new and old alternated
  (``_measure.alternate``, process CPU time); ``ratio`` = old / new (the speed-up).
* ``district.dask_speedup``: 100 school years audited on a ``LocalCluster`` of one
  worker process against one of two (one thread each), the same 100 keys; each
  worker loads its school year from a pickle in a temporary directory (only the
  paths travel). Wall time, one run each, alternated over two pairs; ``ratio`` =
  1-worker time / 2-worker time (target 1.6 on an idle two-core machine). The
  findings equal the serial run's (checked). Needs the ``dask`` extra; skipped
  without it.

Quick mode (CI): a month of one school for the pickling figures; no cluster (starting
one costs seconds).
"""

from __future__ import annotations

import pickle
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import attrs
import pendulum
from _measure import alternate, record

from schoollogistics.demo import simulate_canteen
from schoollogistics.district import AuditFood, audit_district
from schoollogistics.food_samples import SampleLog

TARGET_BYTES = 200_000
TARGET_SPEEDUP = 1.6
SCHOOLS = 100


def _year(days: int) -> SampleLog:
    return simulate_canteen(
        pendulum.date(2025, 9, 1), days, school="s01", meals_per_day=3, dishes_per_meal=9
    )


def _old(log: SampleLog) -> tuple[object, ...]:
    return attrs.astuple(log, recurse=False)


def bench_pickle(quick: bool) -> list[dict[str, Any]]:
    log = _year(30 if quick else 365)
    old = _old(log)
    new_bytes, old_bytes = pickle.dumps(log), pickle.dumps(old)
    assert pickle.loads(new_bytes) == log
    size = record("district.pickle_size", len(new_bytes), "bytes", len(old_bytes))
    size["samples"] = len(log.samples)
    size["target"] = TARGET_BYTES
    size["meets_target"] = quick or len(new_bytes) <= TARGET_BYTES
    pairs = 5 if quick else 7
    dumps = alternate(lambda: pickle.dumps(log), lambda: pickle.dumps(old), pairs=pairs)
    loads = alternate(
        lambda: pickle.loads(new_bytes),
        lambda: pickle.loads(old_bytes),
        pairs=pairs,
        check=lambda a, b: None if a == SampleLog(*b) else sys.exit("loads differ"),  # type: ignore[arg-type]
    )
    out = [size]
    for name, measured in (("district.pickle_dumps", dumps), ("district.pickle_loads", loads)):
        out.append(
            {
                "name": name,
                "value": round(measured.subject * 1000, 3),
                "unit": "ms",
                "baseline": round(measured.baseline * 1000, 3),
                "ratio": round(measured.ratio, 3),
                "pairs": measured.pairs,
            }
        )
    return out


def _read(path: str) -> SampleLog:
    return pickle.loads(Path(path).read_bytes())


def _wall(client: object, keys: list[str]) -> tuple[float, object]:
    start = time.perf_counter()
    found = audit_district(_read, keys, audit=AuditFood(), client=client)  # type: ignore[arg-type]
    return time.perf_counter() - start, found


def bench_dask(quick: bool) -> list[dict[str, Any]]:
    if quick:
        return []
    try:
        import cloudpickle  # noqa: PLC0415 - the dask extra is optional
        import distributed  # noqa: PLC0415 - the dask extra is optional
    except ImportError:
        return []
    # The loader lives in this script, which workers cannot import: send it by value.
    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    data = pickle.dumps(_year(365))
    with tempfile.TemporaryDirectory() as folder:
        keys = []
        for number in range(SCHOOLS):
            path = Path(folder) / f"s{number:03d}.pickle"
            path.write_bytes(data)
            keys.append(str(path))
        serial = audit_district(_read, keys[:2])
        options = {"processes": True, "threads_per_worker": 1, "dashboard_address": None}
        with (
            distributed.LocalCluster(n_workers=1, silence_logs=50, **options) as one,
            distributed.LocalCluster(n_workers=2, silence_logs=50, **options) as two,
            distributed.Client(one) as client_one,
            distributed.Client(two) as client_two,
        ):
            _wall(client_one, keys[:2])  # warm both
            _wall(client_two, keys[:4])
            ones, twos = [], []
            for _ in range(2):
                spent, found = _wall(client_one, keys)
                ones.append(spent)
                spent, found_two = _wall(client_two, keys)
                twos.append(spent)
            assert found == found_two
            assert [found[k] for k in keys[:2]] == [serial[k] for k in keys[:2]]
    one_s, two_s = statistics.median(ones), statistics.median(twos)
    out = record("district.dask_speedup", one_s / two_s, "x")
    out.update(
        {
            "schools": SCHOOLS,
            "one_worker_s": round(one_s, 3),
            "two_workers_s": round(two_s, 3),
            "target": TARGET_SPEEDUP,
            "meets_target": one_s / two_s >= TARGET_SPEEDUP,
        }
    )
    return [out]


BENCHMARKS = {
    "district.pickle": bench_pickle,
    "district.dask": bench_dask,
}

if __name__ == "__main__":
    for result in bench_pickle(quick=False) + bench_dask(quick=False):
        print(result)
