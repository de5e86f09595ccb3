"""Districts on Dask: the same findings as the serial run, only keys travel (issue 12, point 5)."""

from __future__ import annotations

import functools
import pickle
import sys

import pytest

from schoollogistics.demo import demo_food_log
from schoollogistics.district import AuditFood, audit_district, map_schools
from schoollogistics.errors import InvalidArgumentError
from schoollogistics.food_samples import SampleLog

KEYS = ("s01", "s02", "s03")
LOADER = functools.partial(demo_food_log, year=2025, seed=3)


def _count(log: SampleLog) -> int:
    return len(log.samples)


def test_serial_run_is_the_reference() -> None:
    found = audit_district(LOADER, KEYS)
    assert list(found) == list(KEYS)
    for key in KEYS:
        assert found[key] == AuditFood()(LOADER(key))
    assert any(found.values())


def test_keys_are_given_once() -> None:
    with pytest.raises(ValueError, match="once"):
        map_schools(_count, LOADER, ["s01", "s01"])


def test_demo_food_log_refuses_other_keys() -> None:
    for key in ("x01", "s0", "s201", "s", ""):
        with pytest.raises(InvalidArgumentError):
            demo_food_log(key)


def test_an_empty_log_has_no_findings() -> None:
    assert AuditFood()(SampleLog()) == ()


def test_audit_food_pickles() -> None:
    audit = AuditFood()
    again = pickle.loads(pickle.dumps(audit))
    assert again.policy == audit.policy
    assert again.period is None


def test_without_dask_a_client_run_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(ImportError, match=r"schoollogistics\[dask\]"):
        map_schools(_count, LOADER, KEYS, client=object())  # type: ignore[arg-type]  # never reached


@pytest.mark.filterwarnings(
    # distributed warns when the dashboard port is taken or bokeh is missing, and about
    # the port it picks: environmental, not ours.
    "ignore::UserWarning:distributed",
    "ignore::DeprecationWarning",
    "ignore::ResourceWarning",
    "ignore::pytest.PytestUnraisableExceptionWarning",
)
def test_local_cluster_gives_the_serial_findings() -> None:
    distributed = pytest.importorskip("distributed")
    with (
        distributed.LocalCluster(
            n_workers=2,
            processes=True,
            threads_per_worker=1,
            dashboard_address=None,
            silence_logs=50,
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        found = audit_district(LOADER, KEYS, client=client)
        counts = map_schools(_count, LOADER, KEYS, client=client)
    assert found == audit_district(LOADER, KEYS)
    assert list(found) == list(KEYS)
    assert counts == {key: len(LOADER(key).samples) for key in KEYS}


def test_findings_travel_back_column_wise() -> None:
    from schoollogistics.district import _load_and_run, _unpack

    result = _load_and_run(AuditFood(), LOADER, "s01")
    again = pickle.loads(pickle.dumps(result))
    assert _unpack(again) == AuditFood()(LOADER("s01"))
    assert len(pickle.dumps(result)) < len(pickle.dumps(_unpack(result)))
    assert _load_and_run(_count, LOADER, "s01") == len(LOADER("s01").samples)


def test_audit_food_over_a_given_period() -> None:
    from schoollogistics.core.time import DateRange

    log = LOADER("s01")
    days = sorted(meal.day for meal in log.meals)
    audit = AuditFood(DateRange(days[0], days[10]))
    assert audit.period == DateRange(days[0], days[10])
    assert all(v.rule.startswith("FS-") for v in audit(log))
