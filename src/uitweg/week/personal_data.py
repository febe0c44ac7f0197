"""Personal data in the Week and what retention does to it (see uitweg.core.personal_data).

Process ``"week.event"``: ``WEEK_RETENTION_DAYS`` (30) days after an event ended,
:func:`uitweg.week.retention.erase_event` (``manage.py purge_week_registrations``) blanks every
registrant's name, e-mail address, its blind index and the cancellation nonce, and stamps
``erased_at``; status, check-in and dates stay for the figures (counts only).
"""

from uitweg.core.personal_data import Rule, not_personal, register, scope

from .models import Edition, Event, Material, Registration

register(Registration, ["name", "email", "email_digest", "cancel_nonce"], rule=Rule.BLANK)
not_personal(Registration, ["language", "status"],
             reason="language and status codes; kept for the figures")
not_personal(Event, ["title", "description", "languages", "venue", "address", "accessibility",
                     "online_url", "audiences", "state", "review_note"],
             reason="a public event of an organisation: texts written for publication and the "
                    "publisher's review note about the event, not about a person")
not_personal(Edition, ["theme", "intro"], reason="the edition's public texts")
not_personal(Material, ["kind", "title", "filename", "content_type"],
             reason="public toolkit files (posters, images) and their names")

scope("week.event", Registration, "event", stamp="erased_at")
scope("week.event", Event, "pk", fields=[], stamp="personal_data_erased_at")
