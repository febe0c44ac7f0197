"""Personal data in outreach and what retention does to it (see uitweg.core.personal_data).

Process ``"outreach.contact"``: a contact without activity for ``RETENTION_MONTHS`` months
(:func:`uitweg.outreach.retention.anonymise_contact`, ``manage.py anonymise_outreach``): handle,
phone and notes erased, the blind indexes deleted; the counts (target group, response, topics,
dates, messages sent, what followed) stay for the figures.
"""

from uitweg.core.personal_data import Rule, not_personal, register, scope

from .models import (
    Contact,
    ContactFollowUp,
    ContactIdentifier,
    ContactMessage,
    MessageTemplate,
    Platform,
    Round,
)

register(Contact, ["handle", "phone", "consent_notes", "notes"], rule=Rule.BLANK)
not_personal(Contact, ["target_group", "response", "languages", "topics", "indicators"],
             reason="codes of a fixed vocabulary; kept for the figures once the handle, phone "
                    "and notes are gone")
register(ContactIdentifier, ["digest"], rule=Rule.DELETE)
not_personal(ContactIdentifier, ["kind"], reason="identifier kind code")
not_personal(ContactMessage, ["language"], reason="language code of a template")
not_personal(ContactFollowUp, ["kind", "reference", "submission"],
             reason="what followed, with the pseudonymous signal reference or case number; "
                    "the form's random one-time key")
not_personal(Round, ["target_group", "region"], reason="the shift's target group and region")
not_personal(Platform, ["name"], reason="name of an advertising site or app")
not_personal(MessageTemplate, ["name", "language", "text"],
             reason="the team's message texts; no variable names a person")

scope("outreach.contact", Contact, "pk", stamp="anonymised_at")
scope("outreach.contact", ContactIdentifier, "contact")
