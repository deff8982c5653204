from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import DECLARED_FIELDS, Agency, Recommendation


@admin.register(Agency)
class AgencyAdmin(SimpleHistoryAdmin):
    list_display = ("name", "credit_code", "nature", "location")
    search_fields = ("name", "credit_code")
    fields = ("credit_code", "name", *DECLARED_FIELDS)


@admin.register(Recommendation)
class RecommendationAdmin(admin.ModelAdmin):
    list_display = ("campaign", "organizer", "agency", "planned_enterprises")
    fields = (
        "campaign",
        "organizer",
        "agency",
        "seq",
        *DECLARED_FIELDS,
        "planned_enterprises",
        "remarks",
    )
    list_filter = ("campaign", "organizer")
    autocomplete_fields = ("agency",)
