"""Personal data in the accounts app (see uitweg.core.personal_data): staff, not victims."""

from uitweg.core.personal_data import Rule, not_personal, register

from .models import Organisation, User

STAFF = ("staff account: kept while the account exists; accounts are deactivated, never "
         "deleted, so the access log and histories stay readable")

register(User, ["username", "first_name", "last_name", "email"], rule=Rule.KEEP, reason=STAFF)
not_personal(User, ["password"], reason="salted hash of a secret")
not_personal(User, ["roles", "preferred_language"], reason="role and language codes")
not_personal(Organisation, ["name", "region"], reason="an organisation, not a person")
