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
    OUTREACH_LEAD = "outreach_lead", _("Outreach team lead")
    ANALYST = "analyst", _("Analyst (aggregate figures only)")
    EDITOR = "editor", _("Editor (drafts public information and events)")
    PUBLISHER = "publisher", _("Publisher (approves and publishes)")
    ORG_ADMIN = "org_admin", _("Organisation administrator")
    FUNCTIONAL_ADMIN = "functional_admin", _("Functional administrator")


#: Roles that may read personal data of victims at all (within row-level filters).
CASE_ROLES = frozenset({Role.CARE_COORDINATOR, Role.CASE_WORKER})
#: Roles that may read the access log of a single record.
AUDIT_READER_ROLES = frozenset({Role.CARE_COORDINATOR, Role.ORG_ADMIN, Role.FUNCTIONAL_ADMIN})

#: Roles that open personal data of victims, reporters or young people: case files (care
#: coordinator, case worker), signals (intake officer, outreach worker) and chat transcripts
#: (counsellor, supervisor). Granting one takes a second organisation administrator (four eyes).
PERSONAL_DATA_ROLES = frozenset({
    Role.CARE_COORDINATOR, Role.CASE_WORKER, Role.INTAKE_OFFICER, Role.OUTREACH_WORKER,
    Role.OUTREACH_LEAD, Role.CHAT_COUNSELLOR, Role.CHAT_SUPERVISOR,
})
#: Roles granted only with the approval of a second organisation administrator (ADR 0006):
#: every personal-data role, and the organisation administrator itself (one administrator could
#: otherwise create an accomplice account and approve their own requests through it).
FOUR_EYES_ROLES = PERSONAL_DATA_ROLES | {Role.ORG_ADMIN}
#: Roles an organisation administrator may hand out (the platform role is not theirs to give).
ORG_GRANTABLE_ROLES = frozenset(Role) - {Role.FUNCTIONAL_ADMIN}
