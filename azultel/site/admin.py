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
    list_display = ["created_at", "topic", "name", "handled_at"]
    list_filter = ["topic", "handled_at"]
    readonly_fields = ["name", "email", "topic", "message", "created_at"]
    date_hierarchy = "created_at"
