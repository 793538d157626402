"""Engine explanations in the reader's language."""

from django.utils.translation import gettext

from umis.stays.engine import Explanation


def render(explanation: Explanation) -> str:
    return (
        gettext(explanation.message) % explanation.params
        if explanation.params
        else gettext(explanation.message)
    )
