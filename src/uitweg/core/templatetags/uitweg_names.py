"""``{{ code|country }}``, ``{{ codes|language_names }}``: ISO codes as names in the interface
language (:mod:`uitweg.core.territories`)."""

from __future__ import annotations

from django import template

from uitweg.core import territories

register = template.Library()


@register.filter
def country(code) -> str:
    return territories.country_name(code) if code else ""


@register.filter
def language_names(codes) -> str:
    if isinstance(codes, str):
        codes = [c.strip() for c in codes.split(",")]
    return ", ".join(territories.language_name(c) for c in codes or [] if c)
