"""Settings of the monitoring figures (merged into the Django settings; no Django imports here)."""

from uitweg.conf import env

MONITORING_SUPPRESSION_THRESHOLD = env(
    "MONITORING_SUPPRESSION_THRESHOLD", 5, cast=int, group="Monitoring",
    help="Smallest count the monitoring pages, charts and exports show; smaller counts (zero "
    "included) are shown as `<N`, and further cells as `•` so that none can be worked out. "
    "At least 2.")

MONITORING_ESTIMATE_LISTS = env(
    "MONITORING_ESTIMATE_LISTS",
    "police=police+kmar+prosecution; care=care_coordination+shelter+ngo; youth=youth_care; "
    "labour=labour_inspectorate; municipality=municipality; public=public; outreach=outreach",
    group="Monitoring",
    help="The lists of the estimate of the hidden number: `list=kind+kind; …`. A registration "
    "(a case, a possible victim in a signal, an outreach contact) is on the list of the kind of "
    "organisation that made it (`public` is a public report, `outreach` an outreach contact); "
    "kinds on no list are left out. At least two lists.")
MONITORING_ESTIMATE_BOOTSTRAP = env(
    "MONITORING_ESTIMATE_BOOTSTRAP", 1000, cast=int, group="Monitoring",
    help="Bootstrap resamples for the 95% interval of the estimate (at least 100).")
MONITORING_COUNTS_SECONDS = env(
    "MONITORING_COUNTS_SECONDS", 300, cast=int, group="Monitoring",
    help="How long the counts behind the monitoring tables are kept in the cache. A save or "
    "delete of a record of a source clears that source's counts at once; changes that bypass "
    "them (bulk updates, another process with its own cache) show within this many seconds — "
    "for the Week; the other sources are read from the per-day counts, which such changes "
    "reach only through `manage.py rebuild_monitoring_counts`.")
MONITORING_DAY_COUNTS = env(
    "MONITORING_DAY_COUNTS", True, cast=bool, group="Monitoring",
    help="Read the figures of persons in view, signals, chat and outreach from the per-day "
    "counts the saves keep current (`manage.py rebuild_monitoring_counts` recounts them). Off: "
    "count the records themselves on every cache miss (slow at large volumes; for comparison "
    "and as a fallback).")
