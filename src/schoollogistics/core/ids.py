"""Identifiers: plain, non-blank strings chosen by the caller.

The library never invents ids (that would need randomness or a counter hidden in
state): tags, person ids, room ids and event ids come in as arguments. This
module only checks them.
"""

from __future__ import annotations

from schoollogistics.errors import EmptyIdentifierError

__all__ = ["require_id"]


def require_id(value: object, *, field: str = "id") -> str:
    """Return ``value`` if it is a non-blank string, else refuse it.

    Raises:
        EmptyIdentifierError: ``value`` is not a string, or is empty or blank
            (code ``id.empty``).
    """
    if not isinstance(value, str) or not value.strip():
        raise EmptyIdentifierError(field=field, value=value)
    return value
