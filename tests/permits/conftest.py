from permit_factories import plain_march

__all__ = ["plain_march"]
