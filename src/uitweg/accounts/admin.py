from django.contrib import admin

from uitweg.accounts.models import Organisation, User


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "region", "active")
    list_filter = ("kind", "active")


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    """Staff are created by invitation (Staff page); the admin only shows and deactivates."""

    list_display = ("username", "organisation", "roles", "is_active")
    list_filter = ("organisation", "is_active")
    fields = ("username", "first_name", "last_name", "email", "organisation", "roles",
              "is_active")
    readonly_fields = ("username",)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
