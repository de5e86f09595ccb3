"""Food-sample retention (食品留样): every dish, 125 g, 48 hours, cabinets, holds and audits.

Rules FS-1 … FS-8. (Being built.)
"""

__all__: list[str] = []
