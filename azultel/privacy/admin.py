from django.contrib import admin

from azultel.privacy.models import PolicyVersion


@admin.register(PolicyVersion)
class PolicyVersionAdmin(admin.ModelAdmin[PolicyVersion]):
    list_display = ["version", "effective_date", "published_at", "changes_personal_data_use"]
    readonly_fields = ["published_at"]
