"""Admin: the reference terms only (levels of learning, fields of knowledge), editable by operators,
each with its Welsh beside its English.

Enquiries themselves are not in the admin site: they are private until their owner shares them,
and operators have no business reading private work.
"""

from django.contrib import admin

from .models import Approach, FieldOfKnowledge, LevelOfLearning


@admin.register(LevelOfLearning, FieldOfKnowledge)
class ReferenceTermAdmin(admin.ModelAdmin):
    list_display = ["position", "name", "name_cy", "slug", "source"]
    list_display_links = ["name"]
    ordering = ["position"]
    readonly_fields = ["slug"]
    fields = ["slug", ("name", "name_cy"), "position", ("description", "description_cy"), "source"]


@admin.register(Approach)
class ApproachAdmin(admin.ModelAdmin):
    """Each consortium's list of approaches enquirers tag: rename, add, or stop offering one."""

    list_display = ["name", "name_cy", "consortium", "is_active"]
    list_filter = ["consortium", "is_active"]
    search_fields = ["name", "name_cy"]
    fields = ["consortium", ("name", "name_cy"), "slug", "is_active"]
    prepopulated_fields = {"slug": ["name"]}
