"""Which OAuth2 scopes a partner's client may be granted: those its agreement lists (P23)."""

from __future__ import annotations

from oauth2_provider.scopes import SettingsScopes


class PartnerScopes(SettingsScopes):
    """The scopes of ``settings.API_SCOPES`` that the client's partner was given."""

    def get_available_scopes(
        self, application: object = None, request: object = None, *args: object, **kwargs: object
    ) -> list[str]:
        from azultel.api.models import Partner

        known = set(super().get_available_scopes(application, request, *args, **kwargs))
        partner = Partner.objects.filter(application=application, is_active=True).first()
        if partner is None:
            return []
        return [scope for scope in partner.scopes if scope in known]

    def get_default_scopes(
        self, application: object = None, request: object = None, *args: object, **kwargs: object
    ) -> list[str]:
        # No scope asked for: the partner gets every scope it may have.
        return self.get_available_scopes(application, request, *args, **kwargs)
