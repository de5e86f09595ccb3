"""Types of this area that serialize (read by ``schoollogistics.serialization``).

``SERIALIZABLE_TYPES`` lists every public type that must round-trip;
``TAGGED_UNIONS`` lists unions serialized with a ``"type"`` key. This module must
not import ``schoollogistics.serialization`` (which imports it).
"""

from __future__ import annotations

from typing import Any, Final

SERIALIZABLE_TYPES: Final[tuple[type, ...]] = ()
TAGGED_UNIONS: Final[tuple[Any, ...]] = ()
