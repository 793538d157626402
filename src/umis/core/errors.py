"""Errors every app raises; views and the API turn them into clear responses."""

from django.core.exceptions import PermissionDenied


class UmisError(Exception):
    """A refusal the user can act on; ``code`` is stable, ``message`` translated."""

    code = "error"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code


class NotAllowed(PermissionDenied):
    """The actor lacks a permission; carries the permission code for the audit trail."""

    def __init__(self, permission: str) -> None:
        super().__init__(permission)
        self.permission = permission


class ValidationFailed(UmisError):
    """Input refused, with a message per field (``"__all__"`` for the whole input)."""

    code = "validation_failed"

    def __init__(self, errors: dict[str, list[str]]) -> None:
        self.errors = errors
        first = next(iter(errors.values()), [""])
        super().__init__(first[0] if first else "")

    @classmethod
    def single(cls, field: str, message: str) -> "ValidationFailed":
        return cls({field: [message]})
