from django import template

from uitweg.core.error_summary import summary_items

register = template.Library()


@register.filter
def error_summary_items(form):
    """The errors of a bound form as (message, label, target) items for the error summary."""
    return summary_items(form)
