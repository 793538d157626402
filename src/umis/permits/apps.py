from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PermitsConfig(AppConfig):
    name = "umis.permits"
    label = "permits"
    verbose_name = _("Applications and permits")

    def ready(self) -> None:
        from umis.people.timeline import register_timeline_provider
        from umis.permits import (
            events,  # noqa: F401  (registers audit event types)
            panels,
            stays_feed,
            timeline,
        )
        from umis.permits.reference import load_reference_data
        from umis.stays.providers import register_residence_provider

        panels.register()
        register_timeline_provider("permits.cases", timeline.permits_timeline)
        register_residence_provider(stays_feed.residence_periods)
        post_migrate.connect(load_reference_data, sender=self)
