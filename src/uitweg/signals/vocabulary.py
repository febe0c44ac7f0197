"""Choices of the signals app; codes come from the pure modules, labels are translated here."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from uitweg.signals import triage, workflow


class Status(models.TextChoices):
    RECEIVED = workflow.RECEIVED, _("Received")
    TRIAGED = workflow.TRIAGED, _("Triaged")
    ASSIGNED = workflow.ASSIGNED, _("Assigned")
    IN_PROGRESS = workflow.IN_PROGRESS, _("In progress")
    CLOSED = workflow.CLOSED, _("Closed")


class ClosureReason(models.TextChoices):
    CONVERTED_TO_CASE = workflow.CONVERTED_TO_CASE, _("Converted to a case")
    FORWARDED = workflow.FORWARDED, _("Forwarded")
    NO_INDICATION = workflow.NO_INDICATION, _("No indication of exploitation")
    DUPLICATE = workflow.DUPLICATE, _("Duplicate")


class Priority(models.TextChoices):
    URGENT = triage.URGENT, _("Urgent")
    HIGH = triage.HIGH, _("High")
    NORMAL = triage.NORMAL, _("Normal")
    LOW = triage.LOW, _("Low")


PRIORITY_RANK = {triage.URGENT: 0, triage.HIGH: 1, triage.NORMAL: 2, triage.LOW: 3}


class Source(models.TextChoices):
    PUBLIC = "public", _("Public report")
    PROFESSIONAL = "professional", _("Professional intake")
    API = "api", _("Partner API")


class PersonRole(models.TextChoices):
    POSSIBLE_VICTIM = "possible_victim", _("Possible victim")
    SUSPECT = "suspect", _("Possible offender")
    OTHER = "other", _("Other")


class PublicStage(models.TextChoices):
    RECEIVED = workflow.STAGE_RECEIVED, _("Received")
    BEING_HANDLED = workflow.STAGE_BEING_HANDLED, _("Being handled")
    HANDLED = workflow.STAGE_HANDLED, _("Handled")


#: Labels of the steps in a signal's history (SignalEvent.action).
EVENT_LABELS = {
    "received": _("Received"),
    "triaged": _("Triaged"),
    "assigned": _("Assigned"),
    "started": _("Work started"),
    "closed": _("Closed"),
    "converted": _("Converted to a case"),
    "linked_signal": _("Linked to a signal"),
    "linked_case": _("Linked to a case"),
    "dismissed_candidate": _("Candidate dismissed"),
}

#: Business names have no kind in the shared blind index: matched between signals only.
BUSINESS_NAME = "business_name"


class IdentifierKindChoice(models.TextChoices):
    PHONE = "phone", _("Phone number")
    ADDRESS = "address", _("Address or place")
    KVK = "kvk", _("Business (KvK number)")
    BUSINESS_NAME = BUSINESS_NAME, _("Business name")
    WEBSITE = "website", _("Website or advertisement")
    EMAIL = "email", _("E-mail address")
    VEHICLE = "vehicle", _("Vehicle")
    PERSON = "person", _("Person (name and date of birth)")


#: Kinds shown in the recurring places and businesses view (the barrier model).
RECURRING_KINDS = ("address", "kvk", BUSINESS_NAME, "phone", "website")


def reason_labels():
    """Labels of triage reasons: the two risk factors plus the 11 indicators."""
    from uitweg.core.vocabulary import Indicator

    labels = {
        triage.ACUTE_DANGER: _("acute danger"),
        triage.MINOR: _("minor involved"),
        triage.VIOLENCE: _("violence"),
        triage.RESTRICTION: _("restriction of movement"),
        triage.DOCUMENTS: _("documents retained"),
    }
    for value, label in Indicator.choices:
        labels.setdefault(value, label)
    return labels


def public_indicator_choices():
    """The 11 ILO indicators in plain language for the public form (same codes)."""
    return [
        ("abuse_of_vulnerability", _("Someone seems to be taken advantage of because they are "
                                     "young, poor, ill, addicted or do not know the language")),
        ("deception", _("Someone was promised something (a job, pay, housing) that turned out "
                        "to be untrue")),
        ("restriction_of_movement", _("Someone is not free to go where they want, or is "
                                      "locked in")),
        ("isolation", _("Someone is kept away from family, friends or other people")),
        ("physical_sexual_violence", _("Someone is hit, hurt or sexually abused")),
        ("intimidation_threats", _("Someone is threatened, or their family is")),
        ("retention_of_documents", _("Someone else keeps their passport or ID card")),
        ("withholding_of_wages", _("Someone gets little or no pay, or someone else takes "
                                   "the money")),
        ("debt_bondage", _("Someone has a debt they can never pay off")),
        ("abusive_conditions", _("Someone works or lives in bad, unsafe or crowded "
                                 "conditions")),
        ("excessive_overtime", _("Someone has to work very long hours or always be "
                                 "available")),
    ]
