"""Personal data in the action programme: none. Actions name organisations, never a person."""

from uitweg.core.personal_data import not_personal

from .models import Action, Indicator, IndicatorValue, Milestone

REASON = ("the municipality's action programme: titles, descriptions and figures of actions "
          "owned by organisations; written for publication, never about a person")
not_personal(Action, ["title", "description", "title_en", "description_en", "pillar", "status"],
             reason=REASON)
not_personal(Milestone, ["title"], reason=REASON)
not_personal(Indicator, ["title", "source", "dimension", "category"], reason=REASON)
not_personal(IndicatorValue, ["note"], reason=REASON)
