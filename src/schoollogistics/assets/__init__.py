"""Asset ledger (资产台账): receive, issue, new-for-old exchange, loans, stock-take, monthly close.

Rules AS-1 … AS-11. (Being built.)
"""

__all__: list[str] = []
