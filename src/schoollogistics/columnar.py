"""The food-sample audit over columns: Arrow tables or pandas DataFrames (extra ``columnar``).

``pip install "schoollogistics[columnar]"`` installs numpy and pyarrow; both are
imported only when a function here is called, and a missing one is named with
the extra to install (pandas, for DataFrame input, comes with the ``pandas``
extra).

[`audit_columns`][schoollogistics.columnar.audit_columns] gives exactly the
findings of the record audit,
[`audit`][schoollogistics.food_samples.audit], on the same records (equal
tuples of [`Violation`][schoollogistics.core.violations.Violation]): it screens
the columns with numpy and pyarrow, keeps only the rows that may give a finding
(with what their findings depend on), turns those into records and lets the
record audit, the reference, decide them. A compliant district of millions of
samples is audited without building a record.

The column contract ([`COLUMNS`][schoollogistics.columnar.COLUMNS]; every column
required, no other column allowed; *nullable* columns may hold nulls):

| table | column | Arrow type | |
|---|---|---|---|
| meals | ``meal_id`` | string | |
| meals | ``day`` | date32 | |
| meals | ``kind`` | string: ``breakfast``, ``lunch``, ``dinner``, ``snack``, ``event`` | |
| meals | ``service_start`` | time | |
| meals | ``dishes`` | list<string> | |
| meals | ``event_name`` | string | nullable |
| samples | ``sample_id``, ``meal_id`` | string | |
| samples | ``dish`` | string | nullable |
| samples | ``grams`` | decimal | nullable |
| samples | ``taken_at`` | time | |
| samples | ``taken_by``, ``reviewed_by``, ``cabinet_id`` | string | nullable |
| disposals | ``sample_id`` | string | |
| disposals | ``discarded_at`` | time | |
| disposals | ``discarded_by`` | string | nullable |
| readings | ``cabinet_id`` | string | |
| readings | ``at`` | time | |
| readings | ``celsius`` | decimal | |
| holds | ``hold_id``, ``placed_by``, ``reason`` | string | |
| holds | ``placed_at`` | time | |
| holds | ``meal_ids`` | list<string> | |
| holds | ``taken_from``, ``taken_until``, ``released_at`` | time | nullable |
| holds | ``released_by`` | string | nullable |

* *string*: ``string``, ``large_string`` or a dictionary of strings; the text
  rules of the records apply (identifiers not blank, no control character);
* *time*: ``int64`` microseconds since 1970-01-01T00:00 UTC (the canonical
  form), or an Arrow ``timestamp`` *with* a time zone (any unit; nanoseconds
  only when whole microseconds); a timestamp without a zone is refused;
* *decimal*: ``decimal128(p, s)`` (exact; the value ``1300`` of scale 1 is
  ``Decimal("130.0")`` and shows so in findings), an integer type (whole
  grams or degrees) or decimal text (``"130.5"``, read exactly, slower). A
  float column is refused: it has already lost exactness.

A table with a wrong or missing column, a null where none is allowed or a value
the record would refuse raises the records' typed errors
([`InvalidRecordError`][schoollogistics.food_samples.errors.InvalidRecordError],
``id.empty``, the text errors), with the table, row and column in ``path``
(``samples[3].grams``).

[`log_to_columns`][schoollogistics.columnar.log_to_columns] and
[`columns_to_log`][schoollogistics.columnar.columns_to_log] go from records to
tables and back, losslessly: a decimal column is ``decimal128(38, s)`` when its
values share one scale ``s`` (as exports do), and decimal text otherwise.
"""

from __future__ import annotations

from schoollogistics.core.time import DateRange
from schoollogistics.core.violations import Violation
from schoollogistics.food_samples._audit import audit_log
from schoollogistics.food_samples._columnar import (
    COLUMNS,
    EXTRA,
    ColumnarLog,
    columns_to_log,
    log_to_columns,
    screen,
)
from schoollogistics.food_samples._policy import RetentionPolicy
from schoollogistics.food_samples._records import SampleLog

__all__ = [
    "COLUMNS",
    "EXTRA",
    "ColumnarLog",
    "audit_columns",
    "columns_to_log",
    "kept_records",
    "log_to_columns",
]


def audit_columns(
    meals: object,
    samples: object,
    disposals: object,
    readings: object,
    *,
    holds: object = None,
    policy: RetentionPolicy,
    period: DateRange,
) -> tuple[Violation, ...]:
    """Audit food-sample columns over a period (FS-1 … FS-8), as the record audit does.

    Args:
        meals: The meals table (a pyarrow ``Table`` or a pandas ``DataFrame``).
        samples: The samples table.
        disposals: The disposals table.
        readings: The readings table.
        holds: The holds table, or ``None`` for no holds.
        policy: The retention policy.
        period: The audited days.

    Returns:
        The findings, equal to ``audit(...)`` of the same records (same
        violations, same parameters, same order).

    Raises:
        InvalidRecordError: a table, a column or a value is refused, or
            ``policy`` or ``period`` is of the wrong type.
        ImportError: numpy or pyarrow is not installed (extra ``columnar``).
    """
    kept = kept_records(
        meals, samples, disposals, readings, holds=holds, policy=policy, period=period
    )
    return audit_log(kept, policy, period)


def kept_records(
    meals: object,
    samples: object,
    disposals: object,
    readings: object,
    *,
    holds: object = None,
    policy: RetentionPolicy,
    period: DateRange,
) -> SampleLog:
    """The records the screen keeps: every row that may give a finding, with its context.

    ``audit_log(kept_records(...), policy, period)`` is ``audit_columns(...)``;
    the rows left out give no finding. Useful to see why a district's audit is
    slow (many kept rows) or to look at the records behind a finding.

    Args:
        meals: The meals table.
        samples: The samples table.
        disposals: The disposals table.
        readings: The readings table.
        holds: The holds table, or ``None``.
        policy: The retention policy.
        period: The audited days.

    Raises:
        InvalidRecordError: as `audit_columns`.
    """
    return screen(meals, samples, disposals, readings, holds=holds, policy=policy, period=period)
