"""Staff accounts in the admin (P23, P30).

Nobody changes access here, superusers included: roles (groups), direct permissions, the staff
flag and the superuser flag are read-only. Roles change on /staff/roles/ (``role_grants``: one
administrator asks, another approves); superusers are made only with ``manage.py
createsuperuser``. Administrators cannot change someone's password or sign-in email behind
their back, nor edit a superuser. Groups are the roles of ``roles.py``, synchronised after every
migrate, so they are read-only too.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from azultel.accounts.models import User


class UserCreateForm(AdminUserCreationForm):  # type: ignore[type-arg]
    class Meta:
        model = User
        fields = ("email", "given_name", "family_name")


class UserEditForm(UserChangeForm):  # type: ignore[type-arg]
    class Meta:
        model = User
        fields = "__all__"


# Changed only by the person (through their account, which sends the notices) or a superuser.
PROTECTED_FIELDS = ("email", "password")
# Changed by nobody here: roles through the two-person grant, superuser on the command line.
ACCESS_FIELDS = ("is_staff", "is_superuser", "groups", "user_permissions")


@admin.register(User)
class UserAdmin(DjangoUserAdmin):  # type: ignore[type-arg]
    form = UserEditForm
    add_form = UserCreateForm
    ordering = ["family_name", "given_name"]
    list_display = ["email", "given_name", "family_name", "is_staff", "is_active"]
    search_fields = ["email", "given_name", "family_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Name", {"fields": ("given_name", "family_name")}),
        (
            "Access",
            {
                "fields": ("is_active", "is_staff", "is_superuser", "groups"),
                "description": "Roles are given on the Staff roles page (one administrator "
                "asks, another approves) and the staff flag follows them. Nobody can make a "
                "superuser here.",
            },
        ),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "given_name", "family_name", "password1", "password2"),
            },
        ),
    )

    def get_readonly_fields(self, request: HttpRequest, obj: User | None = None) -> list[str]:
        readonly = list(super().get_readonly_fields(request, obj))
        readonly += [f for f in ACCESS_FIELDS if f not in readonly]
        if obj is not None and not request.user.is_superuser:
            readonly += [f for f in PROTECTED_FIELDS if f not in readonly]
        return readonly

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict[str, object] | None = None,
    ) -> HttpResponse:
        # The page never sends these fields; a request that does was made by hand. Refuse it
        # whole rather than save the rest and leave the sender thinking access changed.
        if request.method == "POST" and any(f in request.POST for f in ACCESS_FIELDS):
            raise PermissionDenied(
                "Roles are given on the Staff roles page, with a second administrator's "
                "approval; superusers are made only on the command line."
            )
        return super().changeform_view(request, object_id, form_url, extra_context)

    def has_change_permission(self, request: HttpRequest, obj: User | None = None) -> bool:
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: User | None = None) -> bool:
        # Accounts are erased through the data-request service, never deleted row by row.
        return False

    def user_change_password(
        self, request: HttpRequest, id: str, form_url: str = ""
    ) -> HttpResponse:
        if not request.user.is_superuser:
            raise PermissionDenied("Staff cannot set a customer's password.")
        return super().user_change_password(request, id, form_url)


if admin.site.is_registered(Group):
    admin.site.unregister(Group)


@admin.register(Group)
class RoleGroupAdmin(GroupAdmin):
    """The roles of ``roles.py`` and their permissions, to read. Editing a group here would
    change what a role grants (and ``roles_sync`` puts it back after the next migrate)."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Group | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Group | None = None) -> bool:
        return False
