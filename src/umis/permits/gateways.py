"""Payment gateways behind one small interface; a simulated bank is built in.

``UMIS_PAYMENT_GATEWAY`` names the class to use (dotted path); the simulated
bank refuses to work in production. A gateway sends
the applicant to pay and later calls back; the callback names the payment and
its outcome, and the gateway vouches for it (here: a signature).
"""

from collections.abc import Mapping
from functools import cache
from typing import Protocol

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from umis.core.errors import UmisError
from umis.permits.models import Payment


class BadCallback(UmisError):
    code = "bad_callback"


class Gateway(Protocol):
    code: str

    def checkout_url(self, payment: Payment) -> str: ...

    def callback_outcome(self, params: Mapping[str, str]) -> tuple[str, str]:
        """(payment reference, "paid" or "failed") from a callback, or ``BadCallback``."""
        ...


class SimulatedGateway:
    """A pretend bank inside the portal: pay or decline with one button."""

    code = "simulated"
    salt = "umis.permits.simulated-gateway"

    def checkout_url(self, payment: Payment) -> str:
        if settings.PRODUCTION:
            raise UmisError(_("Payments are not available: no payment gateway is configured."))
        return reverse("portal:simulated_bank", args=[payment.reference])

    def sign(self, reference: str, outcome: str) -> str:
        return signing.dumps({"ref": reference, "outcome": outcome}, salt=self.salt)

    def callback_outcome(self, params: Mapping[str, str]) -> tuple[str, str]:
        try:
            data = signing.loads(params.get("token", ""), salt=self.salt)
        except signing.BadSignature as error:
            raise BadCallback("The payment confirmation is not genuine.") from error
        return str(data["ref"]), str(data["outcome"])


@cache
def gateway() -> Gateway:
    gateway_class = import_string(settings.UMIS_PAYMENT_GATEWAY)
    instance: Gateway = gateway_class()
    return instance
