"""Verification codes of decision letters: made from an alphabet a person cannot misread, and
read back however a person copied them.

A new code is 16 symbols of Crockford's Base32 (no I, L, O or U; 80 random bits), stored and
printed in four groups: ``7KQ2-M9XC-4HTR-B8NZ``. The groups are part of the stored code, so the
letter, the page and the QR link all show the same text; the hyphens carry no meaning.

Letters published before carry ``secrets.token_urlsafe(12)`` codes (case-sensitive, with ``-``
and ``_``). ``fold`` turns any code, old or new, into a key that ignores case, hyphens and the
look-alikes ``I``/``L``/``1`` and ``O``/``0``; the database applies the same folding
(``fold_expression``), so a code typed with such slips still finds its one letter.
"""

import re
import secrets
import unicodedata

from django.db.models import Value
from django.db.models.functions import Replace, Upper

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 16
GROUP = 4

# Folding after upper-casing: what a reader may have swapped for what.
_LOOK_ALIKES = (("I", "1"), ("L", "1"), ("O", "0"))
_FOLD = str.maketrans({a: b for a, b in _LOOK_ALIKES})
# Invisible characters a PDF reader or a word processor leaves in copied text (soft hyphen,
# zero-width spaces and joiners, byte-order mark), and dashes that are meant as "-".
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63"), "-")
# What a folded code looks like: an old code loses its hyphens (rarely more than two) when
# folded; shorter text is a word or a name, not a code with a slip.
FOLDED = re.compile(r"[0-9A-Z_]{13,16}")


def generate() -> str:
    """A new code, grouped: ``7KQ2-M9XC-4HTR-B8NZ``."""
    return group("".join(secrets.choice(ALPHABET) for _ in range(LENGTH)))


def group(symbols: str) -> str:
    return "-".join(symbols[i : i + GROUP] for i in range(0, len(symbols), GROUP))


def tidy(text: str) -> str:
    """The text without whitespace or invisible characters, compatibility forms (full-width
    letters, ligatures) made plain and every dash made ``-``."""
    text = unicodedata.normalize("NFKC", text).translate(_INVISIBLE).translate(_DASHES)
    return "".join(text.split())


def fold(text: str) -> str:
    """The key a code is compared by: no hyphens, upper case, look-alikes made one."""
    return tidy(text).replace("-", "").upper().translate(_FOLD)


def new_form(folded: str) -> str | None:
    """The stored form of a new code whose folded key is ``folded``, or None if it cannot be
    one (a folded new code is its own symbols: the alphabet has no look-alikes)."""
    if len(folded) == LENGTH and all(ch in ALPHABET for ch in folded):
        return group(folded)
    return None


def fold_expression(field: str):
    """``fold`` in SQL (SQLite and PostgreSQL) for a column of codes."""
    expression = Replace(Upper(field), Value("-"), Value(""))
    for before, after in _LOOK_ALIKES:
        expression = Replace(expression, Value(before), Value(after))
    return expression
