"""Numbers the Indonesian way, wherever they are shown: 176.876 and 79,4 — thousands with a
dot, decimals with a comma, rounded half up. One helper for templates (the ``angka`` filter
of ``mutasi_tags``) and Python (messages, chart labels, file names) alike, whatever language
is active, so a page never mixes 79.4 with 79,4 or 175476 with 176.876.

Years, NIPs, codes and letter numbers are not quantities: they are written as they are.
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import numberformat


def angka(value, desimal: int = 0) -> str:
    """``value`` with ``desimal`` decimals (always that many): ``angka(176876)`` is
    "176.876", ``angka(79.44, 1)`` "79,4", ``angka(0.905, 2)`` "0,91"; "" for None or for
    what is not a number."""
    if value is None or value == "" or isinstance(value, bool):
        return ""
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        return ""
    if not number.is_finite():
        return ""
    desimal = max(0, int(desimal))
    number = number.quantize(Decimal(1).scaleb(-desimal), rounding=ROUND_HALF_UP)
    if number == 0:
        number = abs(number)  # no "-0"
    return numberformat.format(
        number,
        decimal_sep=",",
        decimal_pos=desimal,
        grouping=3,
        thousand_sep=".",
        force_grouping=True,
    )


def persen(value, desimal: int = 0) -> str:
    """A share (0.25) as a percentage: "25%"; "" for None."""
    if value is None:
        return ""
    try:
        return f"{angka(Decimal(str(value)) * 100, desimal)}%"
    except (InvalidOperation, ValueError):
        return ""
