"""Reference data shipped with UMIS, loaded idempotently after every migrate.

Loading never overwrites a row that already exists, so corrections made by an
administrator in the admin screens survive upgrades and re-runs.
"""
