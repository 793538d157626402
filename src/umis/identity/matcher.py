"""The interactive matcher at the point of entry: link, propose or create, in milliseconds.

Candidates come from the registry's blocking keys (:class:`~umis.people.models.NameKey`,
the same keys search uses) and from exact document numbers; each is scored with
the trained model in Python (:mod:`.engine.scoring`), the best way of writing
the person against the best way of writing the newcomer.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final, Literal

from django.conf import settings
from django.db.models import Count

from umis.identity.engine.canonical import Record
from umis.identity.engine.features import features
from umis.identity.engine.files import DEFAULT_MODEL
from umis.identity.engine.levels import Features
from umis.identity.engine.model import MODEL_FILE
from umis.identity.engine.scoring import Evidence, ScoringModel, load_scoring_model
from umis.identity.registry import candidate_records
from umis.people.indexing import is_year_key, keys_for_names
from umis.people.models import NameKey, Person, TravelDocument

Decision = Literal["link", "propose", "create"]
LINK_AT: Final = 0.99
PROPOSE_AT: Final = 0.5
CANDIDATE_LIMIT: Final = 20


@dataclass(frozen=True)
class Candidate:
    person: Person
    probability: float
    evidence: list[Evidence]


@dataclass(frozen=True)
class Identification:
    decision: Decision
    candidates: list[Candidate] = field(default_factory=list)

    @property
    def best(self) -> Candidate | None:
        return self.candidates[0] if self.candidates else None


def model_path() -> Path:
    """The model trained on this registry if there is one, else the shipped one."""
    saved = Path(settings.DATA_DIR) / MODEL_FILE
    return saved if saved.is_file() else DEFAULT_MODEL


def current_model() -> ScoringModel:
    path = model_path()
    return load_scoring_model(path, path.stat().st_mtime)


def candidate_ids(records: Sequence[dict[str, str]]) -> list[int]:
    first = records[0]
    year = int(first["date_of_birth"][:4]) if first["date_of_birth"] else None
    names = [(r["surname"], r["given_names"], r["patronymic"]) for r in records]
    keys = keys_for_names(names, year)
    if year is not None:
        # A single-name key without the year is shared by every Ali or every Mammadov:
        # at a million persons it alone would drown the query. Keep the keys qualified
        # by the year of birth and the name-pair keys (selective, and order-free).
        keys = {key for key in keys if is_year_key(key) or key.startswith("pp:")}
    by_name = (
        NameKey.objects.filter(key__in=keys)
        .values("person_id")
        .annotate(shared=Count("key"))
        .order_by("-shared", "person_id")[:CANDIDATE_LIMIT]
    )
    ids = [row["person_id"] for row in by_name]
    if first["document_number"]:
        documents = TravelDocument.objects.filter(number_normalised=first["document_number"])
        ids += list(documents.values_list("person_id", flat=True)[:5])
    return ids


@dataclass(frozen=True)
class _Scored:
    person_id: int
    probability: float
    evidence: list[Evidence]


def _score(
    model: ScoringModel, person_id: int, variants: list[Record], incoming: Sequence[Features]
) -> _Scored:
    best = _Scored(person_id, -1.0, [])
    for variant in variants:
        theirs = features(1, variant)
        for ours in incoming:
            evidence = model.evidence(ours, theirs)
            probability = model.probability(evidence)
            if probability > best.probability:
                best = _Scored(person_id, probability, evidence)
    return best


def identify(records: Sequence[dict[str, str]]) -> Identification:
    """Who the newcomer described by ``records`` (the same person written one or more
    ways, canonical columns, normalised document number) is, if anyone.

    *link* when exactly one person scores at least :data:`LINK_AT`; *propose* when
    someone scores at least :data:`PROPOSE_AT` (an officer decides); else *create*.
    """
    if not records:
        return Identification("create")
    model = current_model()
    incoming = [features(0, record) for record in records]
    found = candidate_records(candidate_ids(records), records[0])
    scored = [_score(model, pk, variants, incoming) for pk, variants in found.items() if variants]
    likely = sorted(
        (s for s in scored if s.probability >= PROPOSE_AT),
        key=lambda s: (-s.probability, s.person_id),
    )
    persons = Person.objects.in_bulk([s.person_id for s in likely])
    candidates = [Candidate(persons[s.person_id], s.probability, s.evidence) for s in likely]
    sure = [c for c in candidates if c.probability >= LINK_AT]
    if len(sure) == 1:
        return Identification("link", candidates)
    return Identification("propose" if candidates else "create", candidates)
