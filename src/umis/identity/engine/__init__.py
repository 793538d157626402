"""The identity-resolution engine: Splink on DuckDB over our name normalisation.

No Django here, so the command-line tools, the registry task and the benchmarks
share one engine:

* :mod:`.canonical` reads the canonical CSV columns and refuses malformed rows.
* :mod:`.features` turns a canonical record into the comparable columns
  (variant skeletons and phonetic keys of names in any script, partial dates of
  birth, normalised document numbers and address tokens).
* :mod:`.levels` defines each comparison level once, as Splink SQL and as the
  same test in Python (for the interactive matcher), and :mod:`.model` builds
  the Splink settings, trains the model and saves it as JSON.
* :mod:`.batch` links two files or deduplicates one; :mod:`.scoring` scores
  single pairs with a saved model without a database.
"""
