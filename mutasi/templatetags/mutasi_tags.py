from django import template

register = template.Library()


@register.filter
def verbose_name(obj) -> str:
    return obj._meta.verbose_name


@register.simple_tag(takes_context=True)
def query_with(context, **kwargs) -> str:
    """The current query string with some parameters replaced."""
    query = context["request"].GET.copy()
    for key, value in kwargs.items():
        query[key] = value
    return query.urlencode()


# Heat-map colours of the EJ categories: A means more work than people (shortage), D and E
# more people than work (surplus); B and C are balanced.
EJ_CLASSES = {
    "A": "text-bg-danger",
    "B": "text-bg-success",
    "C": "text-bg-success",
    "D": "text-bg-warning",
    "E": "text-bg-warning",
}


@register.filter
def ej_class(kategori) -> str:
    return EJ_CLASSES.get(str(kategori or ""), "text-bg-light border")


@register.filter
def selisih_class(selisih) -> str:
    """Text colour of a gap: red for shortage, amber for surplus."""
    if selisih is None:
        return ""
    return (
        "text-danger fw-semibold" if selisih < 0 else ("text-warning-emphasis" if selisih else "")
    )


@register.filter
def signed(value) -> str:
    return f"+{value}" if value and value > 0 else str(value)
