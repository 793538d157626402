from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "umis.core"
    label = "core"
    verbose_name = _("Reference data")

    def ready(self) -> None:
        from umis.core import panels
        from umis.core.signals import load_reference_data
        from umis.core.sql import plan_once

        panels.register()
        post_migrate.connect(load_reference_data, sender=self)
        connection_created.connect(plan_once)
