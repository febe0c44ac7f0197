from django.contrib import admin

from uitweg.audit.models import AccessLogEntry


@admin.register(AccessLogEntry)
class AccessLogEntryAdmin(admin.ModelAdmin):
    """Read-only: entries can be inspected, never changed or removed."""

    list_display = ("seq", "at", "username", "organisation_name", "action", "object_type",
                    "object_label", "outcome", "break_glass")
    list_filter = ("action", "outcome", "break_glass")
    search_fields = ("username", "object_label", "object_id")
    actions = None

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
