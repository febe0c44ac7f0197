"""Texts of the public prevention pages that live in code (the rest is in the CMS)."""

from django.utils.translation import gettext_lazy as _

CARD_TITLE = _("Working in the Netherlands")
CARD_TEXT = _("Your rights at work, signs of exploitation and where to get help — in your "
              "language.")
CARD_LINK = _("Read about your rights")
ANSWER_YES = _("Yes")
ANSWER_NO = _("No")
ANSWER_UNSURE = _("I don't know")
FLYER_SCAN = _("Read more and find help: scan the code or go to")
FLYER_FOOTER = _("Uitweg — help against exploitation and human trafficking")
