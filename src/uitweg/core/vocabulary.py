"""Shared vocabulary of the protect pillar, defined once and used by several apps (cases,
signals, outreach, monitoring): it lives in core, the lowest layer, so no app imports another
app for it (docs/architecture.md, import contracts in pyproject.toml).

The codes (left-hand values) are stable: they are stored in the database and exported. Only the
labels may change.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ExploitationForm(models.TextChoices):
    """Forms of exploitation (art. 273f Sr), as used in policy and CoMensha registration."""

    SEXUAL = "sexual", _("Sexual exploitation")
    LABOUR = "labour", _("Labour exploitation")
    CRIMINAL = "criminal", _("Criminal exploitation")
    ORGAN_REMOVAL = "organ_removal", _("Forced organ removal")


class Indicator(models.TextChoices):
    """The 11 ILO indicators of forced labour (ILO, 2012)."""

    ABUSE_OF_VULNERABILITY = "abuse_of_vulnerability", _("Abuse of vulnerability")
    DECEPTION = "deception", _("Deception")
    RESTRICTION_OF_MOVEMENT = "restriction_of_movement", _("Restriction of movement")
    ISOLATION = "isolation", _("Isolation")
    PHYSICAL_SEXUAL_VIOLENCE = "physical_sexual_violence", _("Physical and sexual violence")
    INTIMIDATION_THREATS = "intimidation_threats", _("Intimidation and threats")
    RETENTION_OF_DOCUMENTS = "retention_of_documents", _("Retention of identity documents")
    WITHHOLDING_OF_WAGES = "withholding_of_wages", _("Withholding of wages")
    DEBT_BONDAGE = "debt_bondage", _("Debt bondage")
    ABUSIVE_CONDITIONS = "abusive_conditions", _("Abusive working and living conditions")
    EXCESSIVE_OVERTIME = "excessive_overtime", _("Excessive overtime")


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    TRANSGENDER = "transgender", _("Transgender")
    NON_BINARY = "non_binary", _("Non-binary")
    UNKNOWN = "unknown", _("Unknown")


class VictimStatus(models.TextChoices):
    """possible (signals only) → presumed (registered) → confirmed, or not a victim (HTCDS)."""

    POSSIBLE = "possible", _("Possible victim")
    PRESUMED = "presumed", _("Presumed victim")
    CONFIRMED = "confirmed", _("Confirmed victim")
    NOT_A_VICTIM = "not_a_victim", _("Not a victim")


def validate_codes(values, choices) -> list[str]:
    """Return the values if all are known codes of ``choices``; raise ValueError naming the rest."""
    known = set(choices.values)
    unknown = [v for v in values if v not in known]
    if unknown:
        raise ValueError(f"unknown codes: {', '.join(map(str, unknown))}")
    return list(dict.fromkeys(values))
