"""Settings of the monitoring figures (merged into the Django settings; no Django imports here)."""

from uitweg.conf import env

MONITORING_SUPPRESSION_THRESHOLD = env(
    "MONITORING_SUPPRESSION_THRESHOLD", 5, cast=int, group="Monitoring",
    help="Smallest count the monitoring pages, charts and exports show; smaller counts (zero "
    "included) are shown as `<N`, and further cells as `•` so that none can be worked out. "
    "At least 2.")
