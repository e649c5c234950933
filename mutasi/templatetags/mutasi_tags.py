from django import template

from instansi.beban import legenda

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


@register.simple_tag
def legenda_ej() -> list[dict]:
    """The EJ bands, words and colours of ``instansi.beban``, for a legend."""
    return legenda()
