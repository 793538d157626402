from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    name = "umis.demo"
    label = "demo"
    verbose_name = _("Demonstration data")

    def ready(self) -> None:
        from umis.demo import events  # noqa: F401  (registers the demo's audit event types)
