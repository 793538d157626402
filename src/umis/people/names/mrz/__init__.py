"""The machine-readable zone of travel documents, ICAO Doc 9303 parts 3 to 6."""

from umis.people.names.mrz.build import build_td1, build_td3
from umis.people.names.mrz.core import MRZDate, MRZError, MRZIssue, check_digit
from umis.people.names.mrz.parse import MRZ, parse_mrz

__all__ = [
    "MRZ",
    "MRZDate",
    "MRZError",
    "MRZIssue",
    "build_td1",
    "build_td3",
    "check_digit",
    "parse_mrz",
]
