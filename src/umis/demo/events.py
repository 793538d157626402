from django.utils.translation import gettext_lazy as _

from umis.audit.events import register

POPULATION_GENERATED = register(
    "demo.population_generated", _("Synthetic population generated for the demonstration")
)
