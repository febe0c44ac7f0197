"""The input of a signal — the public form, the professional intake and the partner API all
fill a :class:`SignalData` — and :func:`validate`, which names every bad field at once. Part of
the write path; :mod:`uitweg.signals.services` re-exports these names."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone

from uitweg.core.vocabulary import ExploitationForm, Gender, Indicator
from uitweg.signals.models import (
    MAX_LINE,
    MAX_TEXT,
)
from uitweg.signals.vocabulary import PersonRole

KVK_RE = re.compile(r"^\d{8}$")
MAX_ITEMS = 20


@dataclass
class PersonData:
    full_name: str
    date_of_birth: date | None = None
    aliases: list[str] = field(default_factory=list)
    phone_numbers: list[str] = field(default_factory=list)
    nationality: str = ""
    gender: str = Gender.UNKNOWN
    languages: list[str] = field(default_factory=list)
    role: str = PersonRole.POSSIBLE_VICTIM


@dataclass
class BusinessData:
    name: str = ""
    kvk: str = ""


@dataclass
class SignalData:
    description: str
    location: str = ""
    observed_when: str = ""
    forms: list[str] = field(default_factory=list)
    indicators: list[str] = field(default_factory=list)
    minor: bool | None = None
    acute_danger: bool = False
    persons: list[PersonData] = field(default_factory=list)
    addresses: list[str] = field(default_factory=list)
    businesses: list[BusinessData] = field(default_factory=list)
    phone_numbers: list[str] = field(default_factory=list)
    websites: list[str] = field(default_factory=list)
    vehicles: list[str] = field(default_factory=list)
    contact_requested: bool = False
    contact_name: str = ""
    contact_phone: str = ""
    contact_email: str = ""
    source_reference: str = ""


def _too_long(value: str, limit: int) -> bool:
    return len(value or "") > limit


def validate(data: SignalData) -> None:
    """Raise one ``ValidationError`` naming every bad field (nothing is saved before)."""
    errors: dict[str, list[str]] = {}

    def add(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    if not (data.description or "").strip():
        add("description", "This field is required.")
    if _too_long(data.description, MAX_TEXT):
        add("description", f"At most {MAX_TEXT} characters.")
    for name in ("location", "observed_when", "contact_name", "contact_phone", "contact_email",
                 "source_reference"):
        limit = 100 if name == "source_reference" else MAX_LINE
        if _too_long(getattr(data, name), limit):
            add(name, f"At most {limit} characters.")
    unknown = [f for f in data.forms if f not in ExploitationForm.values]
    if unknown:
        add("forms", f"Unknown form(s) of exploitation: {', '.join(map(str, unknown))}.")
    unknown = [i for i in data.indicators if i not in Indicator.values]
    if unknown:
        add("indicators", f"Unknown indicator(s): {', '.join(map(str, unknown))}.")
    for name in ("persons", "addresses", "businesses", "phone_numbers", "websites", "vehicles"):
        if len(getattr(data, name)) > MAX_ITEMS:
            add(name, f"At most {MAX_ITEMS} items.")
    for name in ("addresses", "phone_numbers", "websites", "vehicles"):
        for i, value in enumerate(getattr(data, name)):
            if not str(value).strip():
                add(f"{name}[{i}]", "May not be empty.")
            elif _too_long(value, MAX_LINE):
                add(f"{name}[{i}]", f"At most {MAX_LINE} characters.")
    for i, business in enumerate(data.businesses):
        if business.kvk and not KVK_RE.match(business.kvk.strip()):
            add(f"businesses[{i}].kvk", "A KvK number has exactly 8 digits.")
        if not (business.name or "").strip() and not business.kvk:
            add(f"businesses[{i}]", "Give a name or a KvK number.")
        if _too_long(business.name, MAX_LINE):
            add(f"businesses[{i}].name", f"At most {MAX_LINE} characters.")
    for i, person in enumerate(data.persons):
        if not (person.full_name or "").strip():
            add(f"persons[{i}].full_name", "This field is required.")
        elif _too_long(person.full_name, 200):
            add(f"persons[{i}].full_name", "At most 200 characters.")
        if person.date_of_birth and person.date_of_birth > timezone.localdate():
            add(f"persons[{i}].date_of_birth", "Lies in the future.")
        if person.gender not in Gender.values:
            add(f"persons[{i}].gender", "Unknown gender.")
        if person.role not in PersonRole.values:
            add(f"persons[{i}].role", "Unknown role.")
        if person.nationality and not re.match(r"^[A-Z]{2}$", person.nationality):
            add(f"persons[{i}].nationality", "Use an ISO 3166-1 alpha-2 code, e.g. PL.")
        if len(person.aliases) > MAX_ITEMS or len(person.phone_numbers) > MAX_ITEMS:
            add(f"persons[{i}]", f"At most {MAX_ITEMS} aliases and phone numbers.")
        if any(_too_long(v, 200) for v in [*person.aliases, *person.phone_numbers]):
            add(f"persons[{i}]", "Aliases and phone numbers: at most 200 characters each.")
    if data.contact_requested and not (data.contact_phone or data.contact_email):
        add("contact_phone", "Give a phone number or an e-mail address to be contacted.")
    if errors:
        raise ValidationError(errors)
