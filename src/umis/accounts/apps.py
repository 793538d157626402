from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "umis.accounts"
    label = "accounts"
    verbose_name = _("Accounts and agencies")

    def ready(self) -> None:
        from umis.accounts import events  # noqa: F401  (registers audit event types)
        from umis.accounts.reference import load_reference_data

        post_migrate.connect(load_reference_data, sender=self)
