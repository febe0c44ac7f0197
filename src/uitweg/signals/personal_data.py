"""Personal data in the signals app and what retention does to it (see uitweg.core.personal_data).

Processes:
- ``"signal"``: a closed signal ``SIGNALS_RETENTION_YEARS`` after closure
  (:func:`uitweg.signals.retention.anonymise_signal`);
- ``"signal.closed"``: the reporter's contact details, when the signal closes
  (:func:`uitweg.signals.retention.on_transition`);
- ``"case"``: the closed signals linked to a case, when that case is anonymised.
"""

from django.db.models import Q

from uitweg.core.personal_data import Rule, not_personal, register, scope

from .models import ApiKey, RoutingRule, Signal, SignalEvent, SignalIdentifier, SignalPerson
from .vocabulary import Status

#: Erased when the signal closes: nobody calls the reporter back about a closed signal.
CONTACT_FIELDS = ("contact_name", "contact_phone", "contact_email")

# --- the signal -----------------------------------------------------------------------------
register(Signal, ["description"], rule=Rule.REDACT)
register(Signal, ["location_text", "observed_when", "closure_note", *CONTACT_FIELDS],
         rule=Rule.BLANK)
register(Signal, ["source_reference"], rule=Rule.BLANK)  # leads to the reporter's own file
not_personal(Signal, ["reference"], reason="pseudonymous reference; the access log refers to it")
not_personal(Signal, ["public_code_digest"], reason="hash of a random code, not of a person")
not_personal(Signal, ["language", "region", "team"],
             reason="language code, region and team of the handling (routing, statistics)")
not_personal(Signal, ["forms", "indicators", "triage_reasons"],
             reason="codes of a fixed vocabulary; no free text")

# --- people and identifiers in the signal ---------------------------------------------------
register(SignalPerson, ["full_name"], rule=Rule.REDACT)
register(SignalPerson, ["aliases", "date_of_birth", "phone_numbers"], rule=Rule.BLANK)
register(SignalPerson, ["nationality", "languages"], rule=Rule.KEEP,
         reason="kept for statistics; not identifying once names, dates of birth and "
                "identifiers are gone")
register(SignalIdentifier, ["digest", "value", "detail"], rule=Rule.DELETE)

# --- history ---------------------------------------------------------------------------------
register(SignalEvent, ["note"], rule=Rule.BLANK)  # assignee names, case numbers, free notes
register(SignalEvent, ["actor_label"], rule=Rule.KEEP,
         reason="username of the staff member who acted, kept like the access log's")
not_personal(SignalEvent, ["action", "from_status", "to_status"], reason="workflow codes")

# --- configuration -------------------------------------------------------------------------
not_personal(RoutingRule, ["name", "region", "team"], reason="routing configuration")
not_personal(ApiKey, ["name", "prefix", "hashed_key", "scopes"],
             reason="partner system's key: a label, a prefix, a hash and scope codes")

# --- which rows each process erases ---------------------------------------------------------
scope("signal", Signal, "pk", stamp="anonymised_at")
for _model in (SignalPerson, SignalIdentifier, SignalEvent):
    scope("signal", _model, "signal")

scope("signal.closed", Signal, "pk", fields=CONTACT_FIELDS)

_CLOSED = Q(status=Status.CLOSED)
scope("case", Signal, "case_links__case", condition=_CLOSED, stamp="anonymised_at")
for _model in (SignalPerson, SignalIdentifier, SignalEvent):
    scope("case", _model, "signal__case_links__case", condition=Q(signal__status=Status.CLOSED))
