from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdentityConfig(AppConfig):
    name = "umis.identity"
    label = "identity"
    verbose_name = _("Identity resolution")

    def ready(self) -> None:
        from umis.identity import (
            events,  # noqa: F401  (registers audit event types)
            panels,
        )
        from umis.identity.entry import MatcherAtEntry
        from umis.people.entry import register_entry_resolver

        panels.register()
        register_entry_resolver(MatcherAtEntry())
