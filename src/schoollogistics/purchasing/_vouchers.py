"""PR-5: the check of a reimbursement voucher, as data (usable on vouchers typed in by a clerk).

[`check_voucher`][schoollogistics.purchasing.check_voucher] returns the findings
of one voucher: its kind (白条 is not allowed), the seven elements ("单位、名称、
数量、单价、金额大小写相符、印章、开票人及年月日"), quantity × unit price = amount to
the fen, the amount in words read back with
[`parse_capital`][schoollogistics.core.money.parse_capital] (the exact inverse of
the library's 大写 writer), at least three different signers, the principal, the
handler and a witness among them, and the expiry date. It never raises on a
faulty voucher: a faulty voucher is what it is for.
"""

from __future__ import annotations

from typing import Final

import pendulum

from schoollogistics.core.findings import FINDINGS
from schoollogistics.core.money import parse_capital
from schoollogistics.core.violations import Violation
from schoollogistics.errors import CapitalTextError
from schoollogistics.purchasing._policy import FinancePolicy
from schoollogistics.purchasing._records import SIGNER_ZH, SignerRole, Voucher

__all__ = ["REQUIRED_SIGNERS", "check_voucher"]

REQUIRED_SIGNERS: Final = (SignerRole.PRINCIPAL, SignerRole.HANDLER, SignerRole.WITNESS)
"""PR-5: the principal, the handler (经办人) and a witness (证明人) sign every voucher."""

_ELEMENTS: Final = (
    ("payer_unit", "the paying unit", "单位"),
    ("item_name", "the item name", "名称"),
    ("quantity", "the quantity", "数量"),
    ("unit_price", "the unit price", "单价"),
    ("amount", "the amount in figures", "小写金额"),
    ("amount_in_words", "the amount in words", "大写金额"),
    ("seal", "the seal", "印章"),
    ("issuer", "the issuer", "开票人"),
    ("issued_on", "the date", "年月日"),
)


def _missing(voucher: Voucher) -> list[tuple[str, str]]:
    out = []
    for name, en, zh in _ELEMENTS:
        value = getattr(voucher, name)
        if value is None or value is False or (isinstance(value, str) and not value.strip()):
            out.append((en, zh))
    return out


def check_voucher(
    voucher: Voucher, policy: FinancePolicy | None = None, *, on: pendulum.Date | None = None
) -> tuple[Violation, ...]:
    """PR-5: what is wrong with a reimbursement voucher, as findings (empty when valid).

    Args:
        voucher: The voucher as typed in.
        policy: The allowed kinds and the number of signers (default: RULES.md).
        on: The day it is used (reimbursed), for its expiry date.
    """
    settings = FinancePolicy() if policy is None else policy
    subject = voucher.voucher_id
    found: list[Violation] = []
    if voucher.kind not in settings.voucher_kinds:
        found.append(
            FINDINGS["purchasing.voucher_kind"].violation(subject, kind=voucher.kind or "—")
        )
    for en, zh in _missing(voucher):
        found.append(
            FINDINGS["purchasing.voucher_element_missing"].violation(
                subject, element=en, element_zh=zh
            )
        )
    quantity, price, amount = voucher.quantity, voucher.unit_price, voucher.amount
    if quantity is not None and price is not None and amount is not None:
        product = price * quantity
        if product.amount != amount.amount:
            found.append(
                FINDINGS["purchasing.voucher_amount_mismatch"].violation(
                    subject, quantity=quantity, unit_price=price, product=product, amount=amount
                )
            )
    words = voucher.amount_in_words.strip()
    if words:
        try:
            in_words = parse_capital(words)
        except CapitalTextError:
            found.append(
                FINDINGS["purchasing.voucher_words_unreadable"].violation(subject, words=words)
            )
        else:
            if amount is not None and in_words.amount != amount.amount:
                found.append(
                    FINDINGS["purchasing.voucher_words_disagree"].violation(
                        subject, words=words, words_amount=in_words, amount=amount
                    )
                )
    signers = {signature.name for signature in voucher.signatures}
    if len(signers) < settings.min_signatures:
        found.append(
            FINDINGS["purchasing.voucher_signatures"].violation(
                subject, count=len(signers), minimum=settings.min_signatures
            )
        )
    roles = {signature.role for signature in voucher.signatures}
    found.extend(
        FINDINGS["purchasing.voucher_signer_missing"].violation(
            subject, role=role.value, role_zh=SIGNER_ZH[role]
        )
        for role in REQUIRED_SIGNERS
        if role not in roles
    )
    if voucher.valid_until is not None and on is not None and on > voucher.valid_until:
        found.append(
            FINDINGS["purchasing.voucher_expired"].violation(
                subject, valid_until=voucher.valid_until, on=on
            )
        )
    return tuple(found)
