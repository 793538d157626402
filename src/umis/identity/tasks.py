"""Background work of identity resolution."""

from django.tasks import task

from umis.core.permissions import Actor
from umis.identity.scan import model_train, registry_scan


@task()
def identity_registry_scan(*, train: bool = False) -> int:
    """Retrain (when asked) and scan the registry; returns the new pairs queued for review."""
    actor = Actor.system("identity-scan")
    if train:
        model_train(actor)
    return registry_scan(actor)
