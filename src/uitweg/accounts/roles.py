"""Organisation kinds and staff roles: the vocabulary every app's authorisation is built on."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("Municipality")
    CARE_COORDINATION = "care_coordination", _("Care coordination")
    SHELTER = "shelter", _("Shelter or care provider")
    YOUTH_CARE = "youth_care", _("Youth care")
    POLICE = "police", _("Police")
    KMAR = "kmar", _("Royal Marechaussee")
    LABOUR_INSPECTORATE = "labour_inspectorate", _("Labour inspectorate")
    PROSECUTION = "prosecution", _("Public prosecution")
    NGO = "ngo", _("NGO")
    OTHER = "other", _("Other")


class Role(models.TextChoices):
    CARE_COORDINATOR = "care_coordinator", _("Care coordinator")
    CASE_WORKER = "case_worker", _("Case worker")
    INTAKE_OFFICER = "intake_officer", _("Intake officer")
    CHAT_COUNSELLOR = "chat_counsellor", _("Chat counsellor")
    CHAT_SUPERVISOR = "chat_supervisor", _("Chat supervisor")
    OUTREACH_WORKER = "outreach_worker", _("Outreach worker")
    ANALYST = "analyst", _("Analyst (aggregate figures only)")
    FUNCTIONAL_ADMIN = "functional_admin", _("Functional administrator")


#: Roles that may read personal data of victims at all (within row-level filters).
CASE_ROLES = frozenset({Role.CARE_COORDINATOR, Role.CASE_WORKER})
#: Roles that may read the access log of a single record.
AUDIT_READER_ROLES = frozenset({Role.CARE_COORDINATOR, Role.FUNCTIONAL_ADMIN})
