"""Moving every fact of one person to another, and back exactly.

Every table that refers to :class:`~umis.people.models.Person` is found from
Django's model graph, so the tables of apps written later (crossings, permits,
applications …) move without being named here. An app whose rows need more than
moving (a stored status to recompute, say) registers a listener with
:func:`register_merge_listener`; it is called after each merge and unmerge, in
the same transaction, with both persons.
"""

import json
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Final

from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import ForeignKey, Model

from umis.people.models import Person

MergeListener = Callable[[Person, Person], None]
_listeners: list[MergeListener] = []
# Records about pairs of persons: they name both on purpose and never move.
_KEPT_APART: Final = frozenset({"identity.candidatepair", "identity.merge"})


def register_merge_listener(listener: MergeListener) -> None:
    """Call ``listener(survivor, absorbed)`` after every merge and unmerge."""
    if listener not in _listeners:
        _listeners.append(listener)


def notify(survivor: Person, absorbed: Person) -> None:
    for listener in _listeners:
        listener(survivor, absorbed)


@dataclass(frozen=True)
class PersonLink:
    model: type[Model]
    field: str

    @property
    def is_primary_key(self) -> bool:
        return bool(self.model._meta.pk and self.model._meta.pk.name == self.field)

    @property
    def label(self) -> str:
        return self.model._meta.label_lower

    def rows_of(self, person: Person) -> Iterator[Model]:
        return self.model._default_manager.filter(**{self.field: person}).order_by("pk").iterator()

    def unique_partners(self) -> list[list[str]]:
        """For each uniqueness rule that includes this reference, its other fields."""
        meta = self.model._meta
        groups = [list(c.fields) for c in meta.total_unique_constraints]
        groups += [list(g) for g in meta.unique_together]
        field = meta.get_field(self.field)
        if getattr(field, "unique", False):
            groups.append([self.field])
        return [[f for f in g if f != self.field] for g in groups if self.field in g]


def person_links() -> list[PersonLink]:
    """Every (model, field) referring to a person, but the tombstone and kept-apart tables."""
    links = []
    # Hidden relations (``related_name="+"``) count too: most person tables use them.
    for relation in Person._meta.get_fields(include_hidden=True):
        if not relation.auto_created or relation.concrete:
            continue
        field = getattr(relation, "field", None)
        model = relation.related_model
        if not isinstance(field, ForeignKey) or not isinstance(model, type):
            continue
        if model is Person or model._meta.label_lower in _KEPT_APART:
            continue
        links.append(PersonLink(model, field.name))
    return sorted(links, key=lambda link: (link.label, link.field))


def _attname(model: type[Model], name: str) -> str:
    return model._meta.get_field(name).attname  # type: ignore[union-attr]


def _repeats(link: PersonLink, row: Model, survivor: Person) -> bool:
    """Whether moving ``row`` would repeat a row of the survivor's under a uniqueness rule."""
    for others in link.unique_partners():
        values = {_attname(link.model, f): getattr(row, _attname(link.model, f)) for f in others}
        if link.model._default_manager.filter(**{link.field: survivor}, **values).exists():
            return True
    return False


@dataclass
class Moves:
    moved: dict[str, dict[str, list[int]]]
    removed: str


def move_facts(absorbed: Person, survivor: Person) -> Moves:
    """Point every reference to ``absorbed`` at ``survivor``; returns how to undo it."""
    moved: dict[str, dict[str, list[int]]] = defaultdict(dict)
    removed: list[dict[str, Any]] = []
    for link in person_links():
        keep: list[Model] = []
        repeated: list[Model] = []
        for row in link.rows_of(absorbed):
            (repeated if _repeats(link, row, survivor) else keep).append(row)
        if repeated:
            removed += serializers.serialize("python", repeated)
            link.model._default_manager.filter(pk__in=[r.pk for r in repeated]).delete()
        ids = [row.pk for row in keep]
        link.model._default_manager.filter(pk__in=ids).update(**{link.field: survivor})
        if ids:
            # A row keyed by its person (a one-to-one primary key) now has the survivor's id.
            moved[link.label][link.field] = [survivor.pk] if link.is_primary_key else ids
    return Moves(dict(moved), json.dumps(removed, cls=DjangoJSONEncoder) if removed else "")


def restore_facts(moves: Moves, absorbed: Person, survivor: Person) -> None:
    """Undo :func:`move_facts`: rows go back, deleted rows return with their ids."""
    links = {(link.label, link.field): link for link in person_links()}
    for label, fields in moves.moved.items():
        for field, ids in fields.items():
            link = links[(label, field)]
            rows = link.model._default_manager.filter(pk__in=ids, **{field: survivor})
            rows.update(**{field: absorbed})
    if moves.removed:
        for row in serializers.deserialize("json", moves.removed):
            row.save()  # raw: the row returns with its id and timestamps as they were
