from django.utils.translation import gettext_lazy as _

from umis.audit.events import register

PERSON_REGISTERED = register("people.person_registered", _("Person registered"))
PERSON_UPDATED = register("people.person_updated", _("Person details changed"))
PERSON_VIEWED = register("people.person_viewed", _("Person record viewed"))
PERSON_SEARCHED = register("people.searched", _("Person registry searched"))
NAME_ADDED = register("people.name_added", _("Name added"))
DOCUMENT_ADDED = register("people.document_added", _("Travel document added"))
IDENTIFIER_ADDED = register("people.identifier_added", _("Identifier added"))
ADDRESS_ADDED = register("people.address_added", _("Address added"))
IMPORT_FINISHED = register("people.import_finished", _("Bulk import of persons finished"))
IMPORT_REPORT_DOWNLOADED = register(
    "people.import_report_downloaded", _("Report of refused import rows downloaded")
)
