"""Form widgets that render faster than Django's own where a page needs it."""

from html import escape

from django import forms
from django.utils.safestring import mark_safe


class QuickSelectMixin:
    """Writes the <select> in Python instead of rendering templates for every <option>.

    Django renders each option through ``select_option.html`` and ``attrs.html``; for the
    hundreds of units in a province's filter form that was most of the page's time. The
    markup is the same as Django's (name, attributes, optgroups, selected options), so
    labels, crispy's classes and accessibility do not change.
    """

    def render(self, name, value, attrs=None, renderer=None):
        selected = {str(v) for v in self.format_value(value)}
        final_attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            final_attrs["multiple"] = True
        parts = [f'<select name="{escape(name)}"{_attrs(final_attrs)}>']
        for option_value, label in self.choices:
            if isinstance(label, list | tuple):
                parts.append(f'<optgroup label="{escape(str(option_value))}">')
                parts.extend(_option(v, sub, selected) for v, sub in label)
                parts.append("</optgroup>")
            else:
                parts.append(_option(option_value, label, selected))
        parts.append("</select>")
        return mark_safe("".join(parts))


def _attrs(attrs: dict) -> str:
    """Attributes in their order, as Django's attrs.html writes them."""
    return "".join(
        f" {name}" if value is True else f' {name}="{escape(str(value))}"'
        for name, value in attrs.items()
        if value is not False and value is not None
    )


def _option(value, label, selected) -> str:
    value = "" if value is None else str(value)
    mark = " selected" if value in selected else ""
    text = label.__html__() if hasattr(label, "__html__") else escape(str(label))
    return f'<option value="{escape(value)}"{mark}>{text}</option>'


class QuickSelect(QuickSelectMixin, forms.Select):
    pass


class QuickSelectMultiple(QuickSelectMixin, forms.SelectMultiple):
    pass


class DateInput(forms.DateInput):
    """The browser's date picker; the value in ISO form, which is what it reads."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")
