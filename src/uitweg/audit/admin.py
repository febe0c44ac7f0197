from django.contrib import admin

from uitweg.audit.models import AccessLogEntry
from uitweg.core.admin import ReadOnlyAdmin


@admin.register(AccessLogEntry)
class AccessLogEntryAdmin(ReadOnlyAdmin):
    """Read-only: entries can be inspected, never changed or removed."""

    list_display = ("seq", "chain_position", "at", "username", "organisation_name", "action",
                    "object_type", "object_label", "outcome", "break_glass")
    list_filter = ("action", "outcome", "break_glass")
    search_fields = ("username", "object_label", "object_id")
    actions = None
