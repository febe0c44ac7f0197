"""Personal data in monitoring: none. An estimate run keeps counts only (ADR 0075)."""

from uitweg.core.personal_data import not_personal

from .models import EstimateRun

not_personal(EstimateRun, ["status", "stage", "result", "message", "task_id"],
             reason="the state of an estimate and its result: a capture-history table, linkage "
                    "counts and the estimate, never a registration or an identity; the message "
                    "is the estimation library's or the worker's error text")
