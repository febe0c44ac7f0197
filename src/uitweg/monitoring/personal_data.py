"""Personal data in monitoring: none. An estimate run and the per-day counts keep counts only
(ADR 0075)."""

from uitweg.core.personal_data import not_personal

from .models import DayCount, EstimateRun

not_personal(EstimateRun, ["status", "stage", "result", "message", "task_id"],
             reason="the state of an estimate and its result: a capture-history table, linkage "
                    "counts and the estimate, never a registration or an identity; the message "
                    "is the estimation library's or the worker's error text")
not_personal(DayCount, ["source", "dimension", "code"],
             reason="how many records fall on one day in one category of a breakdown (a form of "
                    "exploitation, a topic, a nationality code, a region): counts only, shown "
                    "only through small-cell suppression")
