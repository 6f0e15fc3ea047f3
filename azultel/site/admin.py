from django.contrib import admin

from azultel.site.models import ContactMessage, FaqEntry


@admin.register(FaqEntry)
class FaqEntryAdmin(admin.ModelAdmin[FaqEntry]):
    list_display = ["question", "topic", "position", "is_published", "updated_at"]
    list_filter = ["topic", "is_published"]
    search_fields = ["question", "answer"]
    ordering = ["topic", "position"]


@admin.register(ContactMessage)
class ContactMessageAdmin(admin.ModelAdmin[ContactMessage]):
    list_display = ["created_at", "topic", "name", "account", "handled_at"]
    list_filter = ["topic", "handled_at"]
    list_select_related = ["account"]
    readonly_fields = ["account", "name", "email", "topic", "message", "created_at"]
    date_hierarchy = "created_at"
