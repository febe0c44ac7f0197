"""The action programme's vocabulary: the three pillars of "Naar een stad zonder uitbuiting",
the states of an action, and where an indicator's value comes from."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Pillar(models.TextChoices):
    PREVENT = "prevent", _("Prevent")
    COMBAT = "combat", _("Combat")
    PROTECT = "protect", _("Protect")


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    RUNNING = "running", _("Running")
    DELAYED = "delayed", _("Delayed")
    DONE = "done", _("Done")
    STOPPED = "stopped", _("Stopped")


class IndicatorSource(models.TextChoices):
    """A figure of the monitoring section (counted automatically) or a manual value."""

    MANUAL = "manual", _("Entered by hand")
    PERSONS = "persons", _("Persons in view (case files)")
    SIGNALS = "signals", _("Signals")
    CHAT = "chat", _("Chat contacts")
    OUTREACH = "outreach", _("Outreach contacts")
