"""The review panel's comparison cells written in Python, for its hot path.

The comparison shows every candidate's value in each of nine rows twice (a table for wide
screens, stacked cards for phones): for 223 candidates, 4,000 renderings of
``mutasi/panel_sel.html`` in two template loops, most of the page's time. These tags write
the same markup; the partial stays the reference for one cell, and ``tests/test_panel.py``
checks that the tags write what the partial and the loops they replaced wrote.
"""

from django import template
from django.template.defaultfilters import capfirst
from django.utils.html import conditional_escape as esc
from django.utils.safestring import mark_safe

register = template.Library()

_TERBAIK = '<span class="badge text-bg-success"><i class="bi bi-award" aria-hidden="true"></i> '


@register.simple_tag
def sel_panel(c) -> str:
    """One candidate's value in one row (``panel_sel.html``); ``c``: a ``perbandingan.Sel``."""
    nada = f"text-{esc(c.nada)}-emphasis " if c.nada else ""
    terbaik = f"{_TERBAIK}{esc(c.label_terbaik)}</span>" if c.terbaik else ""
    rincian = ""
    if c.rincian:
        lines = "".join(f"<li>{esc(capfirst(line))}</li>" for line in c.rincian)
        rincian = f'<ul class="list-unstyled mb-0 mt-1">{lines}</ul>'
    return mark_safe(
        f'\n<div class="{nada}fw-semibold">{esc(capfirst(c.teks))}</div>\n{terbaik}\n{rincian}\n'
    )


@register.simple_tag
def sel_baris(b) -> str:
    """The table's cells of one row (``b``: a ``perbandingan.Baris``), one per candidate."""
    return mark_safe(
        "".join(
            f'\n        <td class="small{" table-success" if c.terbaik else ""}">'
            f"\n          {sel_panel(c)}\n        </td>\n        "
            for c in b.sel
        )
    )


@register.simple_tag
def sel_kartu(k) -> str:
    """One candidate's card: each row's label and value (``k``: a ``perbandingan.Kandidat``)."""
    return mark_safe(
        "".join(
            f'\n      <dt class="small text-body-secondary fw-semibold">{esc(label)}</dt>'
            f'\n      <dd class="small{" bg-success-subtle rounded px-1" if c.terbaik else ""}">'
            f"{sel_panel(c)}</dd>\n      "
            for label, c in k.rincian
        )
    )
