"""Personal data in the cases app and what retention does to it (see uitweg.core.personal_data).

Process ``"case"`` is run by :func:`uitweg.cases.retention.anonymise_case` for one closed case:
the scopes below select the rows of that case, the rules say what happens to each field.
"""

from uitweg.core.personal_data import Rule, not_personal, register, scope

from .models import (
    BreakGlassAccess,
    CareAction,
    CareNeed,
    Case,
    CaseEvent,
    Consent,
    Decision,
    LegalDeadline,
    Meeting,
    Note,
    Person,
    PersonIdentifier,
    Referral,
    SavedCaseFilter,
)

STATISTICS = ("kept for statistics (CoMensha); not identifying once names, dates of birth and "
              "identifiers are gone")
CODES = "codes of a fixed vocabulary or computed from them; no free text"

# --- the person -----------------------------------------------------------------------------
register(Person, ["full_name"], rule=Rule.REDACT)
register(Person, ["aliases", "date_of_birth", "phone_numbers", "addresses",
                  "identity_documents"], rule=Rule.BLANK)
register(Person, ["nationality", "languages"], rule=Rule.KEEP, reason=STATISTICS)
register(PersonIdentifier, ["digest"], rule=Rule.DELETE)  # blind index: matches signals

# --- the case file --------------------------------------------------------------------------
not_personal(Case, ["number"], reason="pseudonymous number; the access log refers to it")
not_personal(Case, ["forms", "forms_index", "indicators"], reason=CODES)
not_personal(Case, ["region"], reason="region of the care coordination (statistics)")
register(Case, ["source_reference"], rule=Rule.BLANK)  # leads back to the signal or police file
register(BreakGlassAccess, ["reason"], rule=Rule.REDACT)
not_personal(BreakGlassAccess, ["organisation_name"], reason="name of a staff organisation")
register(CaseEvent, ["summary"], rule=Rule.REDACT)  # names organisations outside the platform
register(CaseEvent, ["reason"], rule=Rule.BLANK)
not_personal(CaseEvent, ["organisation_name"], reason="name of a staff organisation")
not_personal(CaseEvent, ["from_state", "to_state", "target", "fields"],
             reason="states, record references and field names (the timeline's skeleton)")
register(Note, ["text"], rule=Rule.REDACT)
register(CareNeed, ["description"], rule=Rule.REDACT)
register(CareAction, ["description"], rule=Rule.REDACT)
register(Consent, ["external_recipients"], rule=Rule.BLANK)
not_personal(Consent, ["data_categories"], reason=CODES)
register(Referral, ["purpose"], rule=Rule.REDACT)
register(Referral, ["external_organisation", "justification", "reason"], rule=Rule.BLANK)
not_personal(Referral, ["data_categories"], reason=CODES)
register(Decision, ["text"], rule=Rule.REDACT)
not_personal(LegalDeadline, ["kind"], reason=CODES)
not_personal(SavedCaseFilter, ["name", "query"],
             reason="a staff member's own name for a case-list filter and its validated "
                    "parameters (status, form, age, sort): codes, no person's data")

# --- case meetings (several cases on one agenda; no retention of their own yet) --------------
register(Meeting, ["title", "location", "external_attendees"], rule=Rule.KEEP,
         reason="planning data of a meeting about several cases, naming professionals rather "
                "than victims; outlives any one case on its agenda (no meeting retention yet)")

# --- which rows of one case the "case" process erases ---------------------------------------
scope("case", Case, "pk", stamp="anonymised_at")
scope("case", Person, "cases", stamp="anonymised_at")
scope("case", PersonIdentifier, "person__cases")
for _model in (BreakGlassAccess, CaseEvent, Note, CareNeed, Consent, Referral):
    scope("case", _model, "case")
scope("case", CareAction, "need__case")
scope("case", Decision, "item__case")
