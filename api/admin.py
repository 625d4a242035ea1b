from django.contrib import admin

from .models import AccessToken


@admin.register(AccessToken)
class AccessTokenAdmin(admin.ModelAdmin):
    """Operators may see and revoke tokens; the secret is never stored, so never shown."""

    list_display = ["name", "user", "scope", "hint", "created_at", "expires_at", "revoked_at", "last_used_at"]
    list_filter = ["scope"]
    search_fields = ["name", "user__email", "hint"]
    readonly_fields = ["digest", "hint", "last_used_at"]
    raw_id_fields = ["user"]
