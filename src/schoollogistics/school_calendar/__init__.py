"""Monthly calendar engine (行事历): terms, holidays and make-up days, recurring tasks, plans.

Rules CA-1 … CA-6. (Being built.)
"""

__all__: list[str] = []
