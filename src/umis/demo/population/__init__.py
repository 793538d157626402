"""A synthetic population of foreigners and stateless persons for the demo and benchmarks.

* :func:`generator.generate_population` (pure, deterministic for a seed, no
  database): persons ``start`` … ``start + count - 1`` of a population, with
  names in their native scripts and their passport forms, documents with MRZs,
  FINs, addresses, families and near-duplicates (``GeneratedPerson.duplicate_of``).
* :func:`writer.population_generate`: tops the registry up to N persons in
  bulk, one chunk per transaction, one audit event for the whole run.
* :mod:`.truth`: the near-duplicate answer key, one JSON line per duplicate.

The nationality mix and its assumptions are in :mod:`.nationalities`, the name
sources in :mod:`.names`, the kinds of near-duplicates in :mod:`.variants`.
"""
