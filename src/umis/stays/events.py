from django.utils.translation import gettext_lazy as _

from umis.audit.events import register

CROSSING_RECORDED = register("stays.crossing_recorded", _("Border crossing recorded"))
CROSSINGS_INGESTED = register("stays.crossings_ingested", _("Border crossings received in bulk"))
VISA_ISSUED = register("stays.visa_issued", _("Visa recorded"))
REGISTRATION_RECORDED = register(
    "stays.registration_recorded", _("Place-of-stay registration recorded")
)
EXTENSION_GRANTED = register("stays.extension_granted", _("Extension of temporary stay granted"))
STATUS_VIEWED = register("stays.status_viewed", _("Stay status viewed"))
OVERSTAYS_LISTED = register("stays.overstays_listed", _("Overstayers listed"))
