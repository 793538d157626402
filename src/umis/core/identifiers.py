"""Human-facing numbers with check digits (person numbers, receipts, permits).

A number is a fixed letter prefix, a zero-padded sequence and two check digits
computed with ISO 7064 MOD 97-10 over prefix and sequence. MOD 97-10 detects
every single-character substitution and every transposition of two adjacent
characters, so a mistyped number is refused instead of finding someone else.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from stdnum.iso7064 import mod_97_10

from umis.core.errors import UmisError

_SEPARATORS = re.compile(r"[\s\-./]")


class InvalidNumber(UmisError):
    code = "invalid_number"


@dataclass(frozen=True)
class NumberScheme:
    """One kind of number: ``prefix`` letters followed by ``digits`` digits."""

    prefix: str
    digits: int

    def make(self, sequence: int) -> str:
        if not 0 < sequence < 10**self.digits:
            raise ValueError(f"sequence {sequence} does not fit {self.digits} digits")
        body = f"{self.prefix}{sequence:0{self.digits}d}"
        return body + mod_97_10.calc_check_digits(body)

    def parse(self, text: str) -> str:
        """Return the canonical form of ``text`` or refuse it with the reason."""
        number = _SEPARATORS.sub("", text).upper()
        length = len(self.prefix) + self.digits + 2
        if not number.startswith(self.prefix):
            raise InvalidNumber(
                _("The number must start with %(prefix)s.") % {"prefix": self.prefix}
            )
        digits = number[len(self.prefix) :]
        # isascii: str.isdigit also accepts Arabic-Indic, full-width … digits.
        if len(number) != length or not (digits.isascii() and digits.isdigit()):
            count = self.digits + 2
            raise InvalidNumber(
                ngettext(
                    "The number must be %(prefix)s followed by %(count)d digit.",
                    "The number must be %(prefix)s followed by %(count)d digits.",
                    count,
                )
                % {"prefix": self.prefix, "count": count}
            )
        if not mod_97_10.is_valid(number):
            raise InvalidNumber(_("This number is mistyped: its check digits do not match."))
        return number

    def is_valid(self, text: str) -> bool:
        try:
            self.parse(text)
        except InvalidNumber:
            return False
        return True

    def display(self, number: str) -> str:
        """Group for reading aloud at a counter: ``P-000012345-89``."""
        cut = len(self.prefix)
        return f"{number[:cut]}-{number[cut:-2]}-{number[-2:]}"
