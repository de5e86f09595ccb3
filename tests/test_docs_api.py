"""The API reference: no private module or base class, inherited event fields shown."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import attrs

import schoollogistics.assets

API = Path(__file__).resolve().parent.parent / "docs" / "reference" / "api"
DIRECTIVE = re.compile(r"^::: (\S+)", re.MULTILINE)


def test_no_directive_documents_a_private_object() -> None:
    for page in API.glob("*.md"):
        for target in DIRECTIVE.findall(page.read_text(encoding="utf-8")):
            assert not any(part.startswith("_") for part in target.split(".")), (page, target)


def test_assets_page_hides_bases_and_shows_inherited_members() -> None:
    text = (API / "assets.md").read_text(encoding="utf-8")
    assert "::: schoollogistics.assets\n    options:\n      show_bases: false\n" in text
    assert "      inherited_members: true\n" in text


def test_every_event_documents_its_inherited_fields() -> None:
    # The private base (_EventMeta) is hidden, so each event's own docstring must list the
    # metadata fields it inherits, or the Attributes table would omit them.
    events = [
        getattr(schoollogistics.assets, name)
        for name in schoollogistics.assets.__all__
        if inspect.isclass(getattr(schoollogistics.assets, name))
        and attrs.has(getattr(schoollogistics.assets, name))
        and any(
            base.__name__ == "_EventMeta" for base in getattr(schoollogistics.assets, name).__mro__
        )
    ]
    assert len(events) >= 19
    for event in events:
        doc = inspect.getdoc(event) or ""
        attributes = doc.split("Attributes:", 1)[1]
        for field in attrs.fields(event):
            assert re.search(rf"^\s+{field.name}:", attributes, re.MULTILINE), (event, field.name)
