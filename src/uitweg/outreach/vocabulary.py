"""The outreach team's vocabulary: target groups, responses, topics, template languages."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TargetGroup(models.TextChoices):
    WOMEN = "women", _("Women")
    MEN = "men", _("Men")
    TRANSGENDER = "transgender", _("Transgender persons")


class Response(models.TextChoices):
    NONE = "none", _("No response")
    REPLIED = "replied", _("Replied")
    MET = "met", _("Met")
    DECLINED = "declined", _("Declined")


class Topic(models.TextChoices):
    HEALTH = "health", _("Health and STI testing")
    RIGHTS = "rights", _("Rights")
    MONEY = "money", _("Money and debts")
    HOUSING = "housing", _("Housing")
    EXIT = "exit", _("Wish to stop")
    VIOLENCE = "violence", _("Violence")
    EXPLOITATION = "exploitation", _("Exploitation")


class TemplateLanguage(models.TextChoices):
    """The team's message languages (issue 12: at least these seven)."""

    NL = "nl", _("Dutch")
    EN = "en", _("English")
    ES = "es", _("Spanish")
    RO = "ro", _("Romanian")
    BG = "bg", _("Bulgarian")
    HU = "hu", _("Hungarian")
    TH = "th", _("Thai")


class FollowUp(models.TextChoices):
    """What followed from a contact."""

    SIGNAL = "signal", _("Signal reported")
    REFERRAL = "referral", _("Referral to care")
