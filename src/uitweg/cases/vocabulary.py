"""Moved to :mod:`uitweg.core.vocabulary` (shared by several apps). Kept as a re-export only so
code written against the old path keeps working; other apps may not import it (import contract
"shared vocabulary from core")."""

from uitweg.core.vocabulary import (  # noqa: F401
    ExploitationForm,
    Gender,
    Indicator,
    VictimStatus,
    validate_codes,
)
