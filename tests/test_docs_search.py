"""The docs site for readers in mainland China: no web fonts, and search that splits Chinese.

This reads ``mkdocs.yml`` only; it does not build the site (``mkdocs build --strict`` runs in
CI). The separator is checked with Python's ``re``, whose syntax for these constructs matches
the JavaScript ``RegExp`` that Material's search worker compiles it into, and split the way
the worker splits (an empty match moves on by one character).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml  # type: ignore[import-untyped]
from hypothesis import given
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
CJK_PUNCTUATION = "、。，．？！；：“”‘’（）《》【】「」…—\u3000"


def _config() -> dict[str, Any]:
    loaded = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def _search_options() -> dict[str, Any]:
    for plugin in _config()["plugins"]:
        if isinstance(plugin, dict) and "search" in plugin:
            options = plugin["search"]
            assert isinstance(options, dict)
            return options
    msg = "the search plugin has no options in mkdocs.yml"
    raise AssertionError(msg)


def _tokens(text: str) -> list[str]:
    """Split like Material's worker: pieces between matches, empty matches advance by one."""
    separator = re.compile(_search_options()["separator"])
    tokens, start, pos = [], 0, 0
    while pos <= len(text):
        match = separator.search(text, pos)
        end = match.start() if match else len(text)
        if start < end:
            tokens.append(text[start:end])
        if match is None:
            break
        start = match.end()
        pos = match.end() if match.end() > match.start() else match.start() + 1
    return tokens


def test_theme_loads_no_web_fonts() -> None:
    assert _config()["theme"]["font"] is False


def test_search_indexes_english_and_chinese() -> None:
    assert _search_options()["lang"] == ["en", "zh"]


def test_separator_splits_chinese_into_characters_and_drops_punctuation() -> None:
    assert _tokens("食品留样，每餐不少于125克。") == [
        "食",
        "品",
        "留",
        "样",
        "每",
        "餐",
        "不",
        "少",
        "于",
        "125",
        "克",
    ]
    assert _tokens("FS-3（留样时间）") == ["FS", "3", "留", "样", "时", "间"]
    assert _tokens("SampleLog.audit() 的 v1.2") == ["Sample", "Log", "audit", "的", "v1.2"]


@given(st.text(alphabet="留样台账赔偿abcAB12 .-" + CJK_PUNCTUATION, max_size=40))
def test_every_han_character_is_its_own_token(text: str) -> None:
    tokens = _tokens(text)
    for token in tokens:
        assert not set(token) & set(CJK_PUNCTUATION + " ")
        if any("\u3400" <= ch <= "\u9fff" for ch in token):
            assert len(token) == 1
    han = [ch for ch in text if "\u3400" <= ch <= "\u9fff"]
    assert [t for t in tokens if len(t) == 1 and "\u3400" <= t <= "\u9fff"] == han
