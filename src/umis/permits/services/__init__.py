"""Every write of the permits app: atomic, audited, through these modules only."""
