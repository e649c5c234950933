"""The change log of a record kept by django-simple-history: who changed it, when, and which
fields went from what to what (employees and the master data: agencies, units, posts,
formasi)."""

from django.utils.translation import gettext as _


def change_log(obj, limit=10) -> list[dict]:
    """The last ``limit`` changes of ``obj``, newest first."""
    records = list(obj.history.select_related("history_user")[: limit + 1])
    entries = []
    for newer, older in zip(records, records[1:] + [None], strict=False):
        if len(entries) == limit:
            break
        changes = []
        if older is not None:
            for change in newer.diff_against(older).changes:
                field = type(obj)._meta.get_field(change.field)
                changes.append((field.verbose_name, change.old, change.new))
        user = newer.history_user
        actor = (user.get_full_name() or user.username) if user else _("sistem")
        entries.append({"record": newer, "actor": actor, "changes": changes})
    return entries
