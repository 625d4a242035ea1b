"""Admin: the reference terms only (levels of learning, fields of knowledge), editable by operators.

Enquiries themselves are not in the admin site: they are private until their owner shares them,
and operators have no business reading private work.
"""

from django.contrib import admin

from .models import Approach, FieldOfKnowledge, LevelOfLearning


@admin.register(LevelOfLearning, FieldOfKnowledge)
class ReferenceTermAdmin(admin.ModelAdmin):
    list_display = ["position", "name", "slug", "source"]
    list_display_links = ["name"]
    ordering = ["position"]
    readonly_fields = ["slug"]


@admin.register(Approach)
class ApproachAdmin(admin.ModelAdmin):
    """Each consortium's list of approaches enquirers tag: rename, add, or stop offering one."""

    list_display = ["name", "consortium", "is_active"]
    list_filter = ["consortium", "is_active"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
