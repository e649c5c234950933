"""Questions the master data asks the workflow before a change (the lower app does not import
the workflow): each receiver returns a list of reasons to refuse; none means it may be saved."""

from django.dispatch import Signal

# Sent by the formasi form before an existing formasi's need is lowered, with ``formasi`` (as
# stored) and ``kebutuhan`` (as asked).
kebutuhan_diturunkan = Signal()
