"""The example backend's HTTP contract, through Starlette's TestClient (no browser)."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from event_store import EventStore
from starlette.testclient import TestClient
from web import LedgerService, create_app, demo_commands, parse_request, seed_demo, stream_of

from schoollogistics.assets import Exchange
from schoollogistics.errors import SchoolLogisticsError
from schoollogistics.schema import bundle

StoreFactory = Callable[[], EventStore]
SCHOOL = "school-1"
SEEDED = len(demo_commands())
URL = f"/api/schools/{SCHOOL}"


def exchange(**changes: Any) -> dict[str, Any]:
    command: dict[str, Any] = {
        "type": "Exchange",
        "item_id": "broom",
        "holder_id": "class-32",
        "store_id": "store",
        "quantity": 1,
        "handed_back": 1,
        "condition": "worn",
        "record_loss": False,
        "on": "2025-09-22",
        "by": "t-li",
        "reason": "扫帚磨损",
    }
    command.update(changes)
    return command


@functools.cache
def _payload_validator() -> jsonschema.Draft202012Validator:
    published = bundle()
    return jsonschema.Draft202012Validator(
        {"$defs": published["$defs"], "$ref": "#/$defs/ErrorPayload"}
    )


def payload_ok(data: object) -> None:
    """The body is an ErrorPayload of the published schema."""
    _payload_validator().validate(data)


@pytest.fixture
def service(tmp_path: Path) -> Iterator[LedgerService]:
    store = EventStore.sqlite(tmp_path / "events.sqlite3")
    service = LedgerService(store)
    seed_demo(service, SCHOOL)
    yield service
    store.close()


@pytest.fixture
def client(service: LedgerService) -> TestClient:
    return TestClient(create_app(service))


def post(client: TestClient, version: int, command: dict[str, Any]) -> Any:
    return client.post(f"{URL}/commands", json={"expected_version": version, "command": command})


def test_the_view_lists_what_a_class_holds(client: TestClient) -> None:
    response = client.get(f"{URL}/ledger", params={"holder": "class-32"})
    assert response.status_code == 200
    view = response.json()
    assert view["version"] == SEEDED
    assert [h["holder_id"] for h in view["holders"]] == ["class-31", "class-32"]
    assert view["holdings"] == [
        {
            "holding": "available",
            "item_id": "broom",
            "location_id": "class-32",
            "quantity": 4,
            "tags": [],
            "value": "60.00",
        }
    ]


def test_an_exchange_returns_its_event_with_its_sequence(
    client: TestClient, service: LedgerService
) -> None:
    response = post(client, SEEDED, exchange())
    assert response.status_code == 201
    body = response.json()
    assert body["sequence"] == SEEDED + 1
    assert body["event"]["type"] == "Exchanged"
    assert service.store.version(stream_of(SCHOOL)) == SEEDED + 1
    pool = client.get(f"{URL}/ledger", params={"holder": "store"}).json()["holdings"]
    assert {"holding": "returned", "quantity": 1}.items() <= pool[-1].items()


def test_a_stale_version_is_a_conflict(client: TestClient) -> None:
    assert post(client, SEEDED, exchange()).status_code == 201
    response = post(client, SEEDED, exchange())
    assert response.status_code == 409
    body = response.json()
    payload_ok(body)
    assert body["code"] == "concurrency.version_conflict"
    assert body["params"] == {"expected": SEEDED, "actual": SEEDED + 1}
    assert "请刷新后重试" in body["message_zh"]
    assert post(client, SEEDED + 1, exchange()).status_code == 201


def test_a_missing_old_unit_is_refused_at_its_field(client: TestClient) -> None:
    response = post(client, SEEDED, exchange(handed_back=0))
    assert response.status_code == 422
    body = response.json()
    payload_ok(body)
    assert body["code"] == "assets.old_unit_missing"
    assert body["path"] == "$.command.handed_back"
    assert "须登记遗失方可换新" in body["message_zh"]
    # Nothing stored: the same version is still current.
    assert post(client, SEEDED, exchange(handed_back=0, record_loss=True)).status_code == 201


@pytest.mark.parametrize(
    ("body", "path"),
    [
        ({"expected_version": SEEDED, "command": exchange(quantity=2.5)}, "$.command.quantity"),
        ({"expected_version": SEEDED, "command": exchange(on="2025-13-01")}, "$.command.on"),
        ({"expected_version": "7", "command": exchange()}, "$.expected_version"),
        ({"expected_version": -1, "command": exchange()}, "$.expected_version"),
        ({"command": exchange()}, "$"),
        ({"expected_version": SEEDED, "command": exchange(), "x": 1}, "$"),
        ({"expected_version": SEEDED, "command": {"type": "Nope"}}, "$.command.type"),
    ],
)
def test_a_request_off_the_contract_is_refused(
    client: TestClient, body: dict[str, Any], path: str
) -> None:
    response = client.post(f"{URL}/commands", json=body)
    assert response.status_code == 422
    data = response.json()
    payload_ok(data)
    assert data["code"].startswith("serialization.")
    assert data["path"] == path


def test_a_body_that_is_not_json_is_refused(client: TestClient) -> None:
    response = client.post(f"{URL}/commands", content=b"{")
    assert response.status_code == 422
    payload_ok(response.json())


def test_parse_request_gives_the_command() -> None:
    version, command = parse_request(
        json.dumps({"expected_version": 3, "command": exchange()}).encode()
    )
    assert version == 3
    assert isinstance(command, Exchange)
    with pytest.raises(SchoolLogisticsError):
        parse_request(b"[]")


def test_an_unknown_school_is_not_found(client: TestClient) -> None:
    assert client.get("/api/schools/NO SUCH/ledger").status_code == 404
    assert client.post("/api/schools/Bad!/commands", json={}).status_code == 404


def test_two_processes_on_one_database(tmp_path: Path, service: LedgerService) -> None:
    """A second server's copy catches up with the store before it checks the version."""
    other = LedgerService(EventStore.sqlite(tmp_path / "events.sqlite3"))
    other.rebuild()
    first, second = TestClient(create_app(service)), TestClient(create_app(other))
    assert post(first, SEEDED, exchange()).status_code == 201
    assert post(second, SEEDED, exchange()).status_code == 409
    assert post(second, SEEDED + 1, exchange()).status_code == 201
    assert post(first, SEEDED + 1, exchange()).status_code == 409
    other.store.close()


def test_the_database_key_is_the_last_word(
    tmp_path: Path, service: LedgerService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both copies pass their own check (a race); the unique key refuses the second append."""
    other = LedgerService(EventStore.sqlite(tmp_path / "events.sqlite3"))
    other.rebuild()
    assert post(TestClient(create_app(service)), SEEDED, exchange()).status_code == 201
    # The other server read the store's version just before the first append landed.
    monkeypatch.setattr(other.store, "version", lambda _stream: SEEDED)
    client = TestClient(create_app(other))
    response = post(client, SEEDED, exchange())
    assert response.status_code == 409
    assert response.json()["code"] == "concurrency.version_conflict"
    monkeypatch.undo()
    # Its copy was dropped: it reloads, and the rebased write succeeds.
    assert post(client, SEEDED + 1, exchange()).status_code == 201
    other.store.close()


def test_rebuild_at_start(tmp_path: Path, service: LedgerService) -> None:
    seed_demo(service, "school-2")
    fresh = LedgerService(EventStore.sqlite(tmp_path / "events.sqlite3"))
    rebuilt = fresh.rebuild()
    assert (rebuilt.streams, rebuilt.events) == (2, 2 * SEEDED)
    assert fresh.ledger(stream_of(SCHOOL)) == service.ledger(stream_of(SCHOOL))
    assert not seed_demo(fresh, SCHOOL)
    fresh.store.close()


def test_the_page_is_served(tmp_path: Path, service: LedgerService) -> None:
    frontend = tmp_path / "frontend"
    frontend.mkdir()
    (frontend / "index.html").write_text("<html>页面</html>", encoding="utf-8")
    client = TestClient(create_app(service, frontend))
    page = client.get("/")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "页面" in page.text
    missing = client.get("/page.js")
    assert missing.status_code == 404
    assert "check.sh" in missing.text
    (frontend / "build" / "web").mkdir(parents=True)
    (frontend / "build" / "web" / "page.js").write_text("export {};\n", encoding="utf-8")
    script = client.get("/page.js")
    assert script.status_code == 200
    assert script.headers["content-type"].startswith("text/javascript")
