"""The write path of the cases app: one function per use case, keyword-only, in a transaction,
one module per group of use cases (opening, transitions, details, team, plan, referrals,
meetings, referrals from outreach; retention in ``cases.retention``); every public name is
importable from here.

Every function locks the case row, checks *who* may do it (:mod:`uitweg.cases.permissions`,
raising :class:`~uitweg.core.refusals.Refused` before anything is written), refuses edits of a
closed case, appends to the case history (:class:`CaseEvent`, never edited) and writes one
access-log entry with ``audit.service.record``. Edits of versioned records need the version the
user saw (``expected_version``); without it the save is refused. Other errors are
:class:`CaseError` subclasses whose ``str()`` is a message for the user.
"""

from ..retention import _system_actor, anonymisation_due, anonymise_case
from .base import (
    CaseClosed,
    CaseError,
    InvalidValue,
    LegalBasisMissing,
    NeedsConfirmation,
    Rule,
    StaleEdit,
    VersionMissing,
    _apply_changes,
    _audit,
    _check_version,
    _event,
    _lock,
)
from .details import (
    CASE_DETAIL_FIELDS,
    CLOCK_FIELDS,
    case_deadlines,
    update_case_details,
    update_clocks,
    update_person,
    write_legal_deadlines,
)
from .from_outreach import (
    refer_from_outreach,
    referral_recipients,
)
from .meetings import (
    put_on_agenda,
    record_decision,
    schedule_meeting,
)
from .opening import (
    DOCUMENT,
    NUMBER_PREFIX,
    _validate_person,
    forms_index,
    identifier_rows,
    next_number,
    open_case,
    open_case_from_signal,
    write_identifiers,
)
from .plan import (
    add_action,
    add_need,
    add_note,
    update_action,
)
from .referrals import (
    decide_referral,
    record_consent,
    referral_decisions,
    send_referral,
    withdraw_consent,
)
from .team import (
    acknowledge_break_glass,
    add_member,
    break_glass,
    end_membership,
)
from .transitions import (
    transition,
)

__all__ = [
    "CASE_DETAIL_FIELDS",
    "CLOCK_FIELDS",
    "DOCUMENT",
    "NUMBER_PREFIX",
    "CaseClosed",
    "CaseError",
    "InvalidValue",
    "LegalBasisMissing",
    "NeedsConfirmation",
    "Rule",
    "StaleEdit",
    "VersionMissing",
    "_apply_changes",
    "_audit",
    "_check_version",
    "_event",
    "_lock",
    "_system_actor",
    "_validate_person",
    "acknowledge_break_glass",
    "add_action",
    "add_member",
    "add_need",
    "add_note",
    "anonymisation_due",
    "anonymise_case",
    "break_glass",
    "case_deadlines",
    "decide_referral",
    "end_membership",
    "forms_index",
    "identifier_rows",
    "next_number",
    "open_case",
    "open_case_from_signal",
    "put_on_agenda",
    "record_consent",
    "record_decision",
    "refer_from_outreach",
    "referral_decisions",
    "referral_recipients",
    "schedule_meeting",
    "send_referral",
    "transition",
    "update_action",
    "update_case_details",
    "update_clocks",
    "update_person",
    "withdraw_consent",
    "write_identifiers",
    "write_legal_deadlines",
]
