from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "umis.core"
    label = "core"
    verbose_name = _("Reference data")

    def ready(self) -> None:
        from umis.core import panels
        from umis.core.signals import load_reference_data

        panels.register()
        post_migrate.connect(load_reference_data, sender=self)
