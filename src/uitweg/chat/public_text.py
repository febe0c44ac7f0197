"""Words of the chat that the young person sees, apart from the page template: the age bands and
the weekday names of the opening hours. Kept apart so that the public languages' catalogues
(pl, ro, bg, uk; scripts/messages_public.py) hold only what the public reads."""

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class AgeBand(models.TextChoices):
    UNDER_12 = "u12", gettext_lazy("under 12")
    AGE_12_15 = "12-15", gettext_lazy("12 to 15")
    AGE_16_17 = "16-17", gettext_lazy("16 or 17")
    AGE_18_23 = "18-23", gettext_lazy("18 to 23")
    OLDER = "24+", gettext_lazy("24 or older")
    UNKNOWN = "", gettext_lazy("rather not say")


def weekday_names() -> list[str]:
    return [_("Monday"), _("Tuesday"), _("Wednesday"), _("Thursday"), _("Friday"),
            _("Saturday"), _("Sunday")]
