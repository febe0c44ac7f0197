"""Personal data in the access log (see uitweg.core.personal_data).

The log is append-only and hash-chained (NEN 7513, ADR 0001): it is never edited, so nothing
in it is erased by the retention of cases or signals. It names records by pseudonymous number
only; the staff member, network and stated reasons are kept as evidence of who accessed what.
"""

from uitweg.core.personal_data import Rule, not_personal, register

from .models import AccessLogEntry, ChainHead

KEPT = ("NEN 7513 access log: append-only and hash-chained, kept unaltered as evidence of "
        "access (no retention period of its own yet)")

register(AccessLogEntry, ["username", "client_address", "reason", "access_point"],
         rule=Rule.KEEP, reason=KEPT)
not_personal(AccessLogEntry, ["organisation_name", "role", "object_type", "object_id",
                              "object_label", "object_ids", "purpose", "prev_hash", "hash", "mac"],
             reason="organisation, role codes, pseudonymous record references, chain hashes and "
                    "the entry MAC")
not_personal(ChainHead, ["hash"], reason="the hash of the chain's last link")
