from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "umis.portal"
    label = "portal"
    verbose_name = _("E-services portal")
    # ``umis demo`` calls this to add portal accounts and applications in every state.
    demo_step = "umis.portal.demo.demo_applications"

    def ready(self) -> None:
        from umis.portal import events  # noqa: F401  (registers audit event types)
