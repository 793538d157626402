from umis.stays.models.records import (
    BorderPoint,
    Crossing,
    PlaceOfStayRegistration,
    StayExtension,
    Visa,
)
from umis.stays.models.rules import StayRuleVersion
from umis.stays.models.status import StayStatus

__all__ = [
    "BorderPoint",
    "Crossing",
    "PlaceOfStayRegistration",
    "StayExtension",
    "StayRuleVersion",
    "StayStatus",
    "Visa",
]
