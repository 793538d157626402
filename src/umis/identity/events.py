from django.utils.translation import gettext_lazy as _

from umis.audit.events import register

CANDIDATES_FOUND = register("identity.candidates_found", _("Possible duplicates found"))
PAIR_DECIDED = register("identity.pair_decided", _("Possible duplicate decided"))
PAIR_VIEWED = register("identity.pair_viewed", _("Possible duplicate viewed"))
MERGE_REQUESTED = register("identity.merge_requested", _("Merge of two persons requested"))
PERSONS_MERGED = register("identity.persons_merged", _("Two persons merged"))
PERSONS_UNMERGED = register("identity.persons_unmerged", _("Merge of two persons undone"))
MODEL_TRAINED = register("identity.model_trained", _("Identity matching model trained"))
ENTRY_LINKED = register(
    "identity.entry_linked", _("Registration linked to a person already registered")
)
ENTRY_KEPT_APART = register(
    "identity.entry_kept_apart", _("Person registered apart from possible matches")
)
TRAVELLER_RESOLVED = register("identity.traveller_resolved", _("Registry asked who a traveller is"))
