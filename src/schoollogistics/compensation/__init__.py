"""Damage compensation (损坏赔偿) with depreciation: no fines, exact splits, guardians.

Rules DC-1 … DC-9. (Being built.)
"""

__all__: list[str] = []
