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

        panels.register()
