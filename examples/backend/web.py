"""The example backend: an ASGI app (Starlette) over the event store.

Routes:

* ``GET /`` and ``GET /page.js``: the storeroom clerk's page (examples/frontend);
* ``GET /api/schools/{school}/ledger?holder=ID``: the ledger's version, its places,
  holders and items, and what the holder holds (all derived from the events);
* ``POST /api/schools/{school}/commands`` with ``{"expected_version": n, "command":
  LedgerCommand}``: 201 and the new ``RecordedAssetEvent``; 409 and the error payload
  for a conflict (the aggregate's ``VersionConflictError`` or the database's unique
  key); 422 and the error payload for a refusal (schema, loader or a rule).

The library does the rules; this module does the I/O and the HTTP mapping only.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Final, cast

import attrs
import pendulum
from event_store import EventStore
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from schoollogistics import serialization
from schoollogistics.assets import (
    AssetLedger,
    HolderKind,
    LedgerCommand,
    PlaceKind,
    Receive,
    RecordedAssetEvent,
    RegisterHolder,
    RegisterItem,
    RegisterPlace,
)
from schoollogistics.assets import Issue as IssueCommand
from schoollogistics.core.money import Money
from schoollogistics.errors import (
    EventSequenceError,
    Phrase,
    SchoolLogisticsError,
    SerializationError,
    VersionConflictError,
)
from schoollogistics.schema import bundle

FRONTEND: Final = Path(__file__).resolve().parent.parent / "frontend"
SCHOOL_ID: Final = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
MAX_BODY: Final = 64 * 1024

# A rule's refusal names no field of the request (the library's domain errors carry
# no path); the backend knows which field of the form each one is about.
FIELD_OF_CODE: Final[Mapping[str, str]] = {
    "assets.old_unit_missing": "handed_back",
    "assets.nothing_to_exchange": "quantity",
    "assets.insufficient_stock": "quantity",
    "assets.invalid_quantity": "quantity",
    "assets.unknown_item": "item_id",
    "assets.unknown_location": "holder_id",
    "assets.not_a_holder": "holder_id",
    "assets.not_a_storeroom": "store_id",
    "assets.month_closed": "on",
}


def stream_of(school: str) -> str:
    """The stream of a school's ledger."""
    return f"ledger/{school}"


# ---------------------------------------------------------------- the request contract


def _request_validator() -> Draft202012Validator:
    published = bundle()
    bundle_id = str(published["$id"])
    registry: Registry[Any] = Registry().with_resource(
        bundle_id, Resource.from_contents(published, default_specification=DRAFT202012)
    )
    request_schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "properties": {
            "expected_version": {"type": "integer", "minimum": 0, "maximum": 2**53 - 1},
            "command": {"$ref": f"{bundle_id}#/$defs/LedgerCommand"},
        },
        "required": ["expected_version", "command"],
        "additionalProperties": False,
    }
    return Draft202012Validator(request_schema, registry=registry)


_VALIDATOR: Final = _request_validator()


def _json_path(parts: Iterator[object] | list[object]) -> str:
    path = "$"
    for part in parts:
        path += f"[{part}]" if isinstance(part, int) else f".{part}"
    return path


def _under_command(error: SchoolLogisticsError) -> SchoolLogisticsError:
    """The loader's path ($.quantity) made relative to the request ($.command.quantity)."""
    path = error.path or "$"
    return error.with_path("$.command" + path[1:])


def _request_error(message: str, path: str) -> SerializationError:
    details = Phrase(
        "the request does not match the published schema: {message}",
        "请求不符合接口约定：{message}",
        message=message,
    )
    error = SerializationError(
        type="CommandRequest",
        details=details,
        errors=(f"serialization.invalid: {message} @ {path}",),
        codes=("serialization.invalid",),
        paths=(path,),
    )
    return cast("SerializationError", error.with_path(path))


def parse_request(body: bytes) -> tuple[int, LedgerCommand]:
    """``(expected_version, command)`` from a request body, or a typed refusal.

    The body is checked against the published JSON Schema (what the front end's
    types are generated from), then loaded by the library's strict loader; a
    refusal of the loader keeps its own code and messages, with its path under
    ``$.command``.

    Raises:
        SchoolLogisticsError: the body is not JSON, does not match the schema, or
            is refused by the loader.
    """
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError) as error:
        reason = f"not JSON ({error.__class__.__name__})"
        raise _request_error(reason, "$") from None
    problems = sorted(_VALIDATOR.iter_errors(data), key=lambda e: list(map(str, e.path)))
    if problems:
        if isinstance(data, dict) and "command" in data:
            try:
                serialization.from_dict(LedgerCommand, data["command"])
            except SchoolLogisticsError as error:
                raise _under_command(error) from None
        first = problems[0]
        raise _request_error(first.message, _json_path(list(first.absolute_path)))
    try:
        command = cast(
            "LedgerCommand",
            serialization.from_dict(LedgerCommand, data["command"]),
        )
    except SchoolLogisticsError as error:
        raise _under_command(error) from None
    return int(data["expected_version"]), command


# ---------------------------------------------------------------- the service


@attrs.frozen
class Rebuilt:
    """What a rebuild at start did."""

    streams: int
    events: int
    seconds: float


class LedgerService:
    """The ledgers of many schools over one event store.

    The store holds the events; the ledgers are derived and kept in memory,
    rebuilt by trusted replay at start and whenever the store is ahead of the
    copy (another process appended). One lock per stream serializes this
    process's writers; the store's unique key arbitrates between processes.
    """

    def __init__(self, store: EventStore) -> None:
        self.store = store
        self._ledgers: dict[str, AssetLedger] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    @contextmanager
    def _locked(self, stream: str) -> Iterator[None]:
        with self._guard:
            lock = self._locks.setdefault(stream, threading.Lock())
        with lock:
            yield

    def rebuild(self) -> Rebuilt:
        """Rebuild every stored ledger by trusted replay (``check=False``)."""
        start = time.perf_counter()
        events = 0
        for stream in self.store.streams():
            ledger = AssetLedger.from_recorded(self.store.load(stream), check=False)
            self._ledgers[stream] = ledger
            events += ledger.version
        return Rebuilt(len(self._ledgers), events, time.perf_counter() - start)

    def _current(self, stream: str) -> AssetLedger:
        """The ledger of ``stream``, caught up with the store (call under the lock)."""
        ledger = self._ledgers.get(stream)
        stored = self.store.version(stream)
        if ledger is None or ledger.version != stored:
            ledger = AssetLedger.from_recorded(self.store.load(stream), check=False)
            self._ledgers[stream] = ledger
        return ledger

    def ledger(self, stream: str) -> AssetLedger:
        """The current ledger of ``stream`` (empty if nothing is stored)."""
        with self._locked(stream):
            return self._current(stream)

    def execute(
        self, stream: str, command: LedgerCommand, expected_version: int
    ) -> RecordedAssetEvent:
        """Execute ``command`` built from ``expected_version`` and store its event.

        Raises:
            VersionConflictError: the ledger or the store is past ``expected_version``.
            SchoolLogisticsError: the command is refused by a rule.
        """
        with self._locked(stream):
            ledger = self._current(stream)
            ledger.execute(command, expected_version=expected_version)
            try:
                self.store.append(stream, ledger.recorded(expected_version))
            except BaseException:
                # The copy holds an event the store refused: drop it, reload next time.
                del self._ledgers[stream]
                raise
            return ledger.recorded(ledger.version - 1)[0]


DEMO_DAY: Final = pendulum.Date(2025, 9, 1)
DEMO_CLERK: Final = "t-li"


def demo_commands() -> tuple[LedgerCommand, ...]:
    """A storeroom, two classes and their brooms (initially allocated, AS-3)."""
    day, clerk = DEMO_DAY, DEMO_CLERK
    return (
        RegisterPlace(
            place_id="store",
            name="总务库房",
            kind=PlaceKind.STOREROOM,
            custodian_id=clerk,
            on=day,
            by=clerk,
        ),
        RegisterHolder(
            holder_id="class-31", name="三(1)班", kind=HolderKind.CLASS, on=day, by=clerk
        ),
        RegisterHolder(
            holder_id="class-32", name="三(2)班", kind=HolderKind.CLASS, on=day, by=clerk
        ),
        RegisterItem(
            item_id="broom",
            name="扫帚",
            unit="把",
            unit_cost=Money("15.00"),
            exchange_rule=True,
            on=day,
            by=clerk,
        ),
        Receive(
            item_id="broom",
            place_id="store",
            quantity=30,
            acceptor=clerk,
            supplier="城东五金店",
            on=day,
            by=clerk,
        ),
        *(
            IssueCommand(
                item_id="broom",
                from_place="store",
                to=holder,
                quantity=4,
                initial_allocation=True,
                on=day,
                by=clerk,
                reason="开学卫生工具发放",
            )
            for holder in ("class-31", "class-32")
        ),
    )


def seed_demo(service: LedgerService, school: str) -> bool:
    """Record the demo school's setup if its stream is empty; whether it did."""
    stream = stream_of(school)
    if service.store.version(stream) > 0:
        return False
    for version, command in enumerate(demo_commands()):
        service.execute(stream, command, version)
    return True


# ---------------------------------------------------------------- HTTP


def _error(error: SchoolLogisticsError, status: int) -> JSONResponse:
    return JSONResponse(error.to_dict(), status_code=status)


def _school(request: Request) -> str | None:
    school = str(request.path_params["school"])
    return school if SCHOOL_ID.fullmatch(school) else None


def create_app(service: LedgerService, frontend: Path = FRONTEND) -> Starlette:
    """The ASGI app serving the page and the API over ``service``."""

    async def index(_: Request) -> Response:
        return FileResponse(frontend / "index.html", media_type="text/html; charset=utf-8")

    async def page_js(_: Request) -> Response:
        built = frontend / "build" / "web" / "page.js"
        if not built.is_file():
            return PlainTextResponse(
                "page.js is not built: run bash examples/frontend/check.sh", status_code=404
            )
        return FileResponse(built, media_type="text/javascript; charset=utf-8")

    def view(request: Request) -> Response:
        school = _school(request)
        if school is None:
            return PlainTextResponse("unknown school", status_code=404)
        ledger = service.ledger(stream_of(school))
        holder = request.query_params.get("holder")
        try:
            holdings = ledger.holdings(holder) if holder else ()
        except SchoolLogisticsError as error:
            return _error(error.with_path("$.holder"), 422)
        return JSONResponse(
            {
                "school": school,
                "version": ledger.version,
                "places": [serialization.to_dict(place) for place in ledger.places()],
                "holders": [serialization.to_dict(h) for h in ledger.holders()],
                "items": [serialization.to_dict(item) for item in ledger.items()],
                "holdings": [serialization.to_dict(row) for row in holdings],
            }
        )

    async def command(request: Request) -> Response:
        school = _school(request)
        if school is None:
            return PlainTextResponse("unknown school", status_code=404)
        body = await request.body()
        if len(body) > MAX_BODY:
            return PlainTextResponse("request too large", status_code=413)
        return await _run_in_thread(school, body)

    async def _run_in_thread(school: str, body: bytes) -> Response:
        return await run_in_threadpool(_execute, school, body)

    def _execute(school: str, body: bytes) -> Response:
        try:
            expected_version, parsed = parse_request(body)
            envelope = service.execute(stream_of(school), parsed, expected_version)
        except VersionConflictError as error:
            return _error(error, 409)
        except EventSequenceError as error:
            return _error(error, 500)  # a corrupt log: the server's problem, not the clerk's
        except SchoolLogisticsError as error:
            field = FIELD_OF_CODE.get(error.code)
            if error.path is None and field is not None:
                error = error.with_path(f"$.command.{field}")
            return _error(error, 422)
        return JSONResponse(serialization.to_dict(envelope), status_code=201)

    return Starlette(
        routes=[
            Route("/", index),
            Route("/page.js", page_js),
            Route("/api/schools/{school}/ledger", view),
            Route("/api/schools/{school}/commands", command, methods=["POST"]),
        ]
    )
