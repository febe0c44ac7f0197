"""Who may see the programme's figures: aggregates only, never an individual (ADR 0070)."""

from uitweg.accounts.roles import Role

#: The analyst (policy staff) and care coordinators. The functional administrator sets the
#: platform up and has no need for the figures.
FIGURE_ROLES = (Role.ANALYST, Role.CARE_COORDINATOR)
