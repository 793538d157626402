"""What the officer views share: turning service refusals into form errors."""

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.http import HttpRequest

from umis.core.errors import UmisError, ValidationFailed


def perform(request: HttpRequest, form: forms.Form, action: Callable[[], object]) -> bool:
    """Run ``action``; put a refusal on ``form`` (per field) or in the messages."""
    try:
        action()
    except ValidationFailed as refused:
        for field, errors in refused.errors.items():
            for error in errors:
                form.add_error(field if field in form.fields else None, error)
        return False
    except UmisError as refused:
        messages.error(request, refused.message)
        return False
    return True
