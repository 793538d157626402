from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class StaysConfig(AppConfig):
    name = "umis.stays"
    label = "stays"
    verbose_name = _("Entry, exit and stay")

    def ready(self) -> None:
        from umis.identity.merging import register_merge_listener
        from umis.people.timeline import register_timeline_provider
        from umis.stays import (
            events,  # noqa: F401  (registers audit event types)
            panels,
            timeline,
        )
        from umis.stays.reference import load_reference_data
        from umis.stays.refresh import statuses_after_merge

        panels.register()
        register_timeline_provider("stays.crossings", timeline.stay_timeline)
        register_merge_listener(statuses_after_merge)
        post_migrate.connect(load_reference_data, sender=self)
