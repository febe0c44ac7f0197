from django.contrib import admin

from uitweg.accounts.models import Organisation, User
from uitweg.core.admin import ReadOnlyAdmin


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "region", "active")
    list_filter = ("kind", "active")


@admin.register(User)
class UserAdmin(ReadOnlyAdmin):
    """Read only: staff are invited, changed and deactivated by their organisation's
    administrators on the staff pages (four eyes, history); the admin must not bypass that."""

    list_display = ("username", "organisation", "roles", "is_active")
    list_filter = ("organisation", "is_active")
    fields = ("username", "first_name", "last_name", "email", "organisation", "roles",
              "is_active")
