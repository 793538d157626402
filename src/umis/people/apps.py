from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "umis.people"
    label = "people"
    verbose_name = _("Person registry")

    def ready(self) -> None:
        from umis.people import (
            events,  # noqa: F401  (registers audit event types)
            panels,
            timeline,
        )

        panels.register()
        timeline.register_timeline_provider("people.registry", timeline.registry_history)
