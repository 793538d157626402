from umis.permits.models.cases import (
    OPEN_STATUSES,
    RECEIPT_NUMBERS,
    Action,
    Application,
    Clearance,
    Decision,
    Payment,
    Status,
    Upload,
)
from umis.permits.models.config import (
    DecisionTerm,
    Fee,
    LabourQuota,
    LegalGround,
    QuotaExemption,
    RequiredDocument,
)
from umis.permits.models.permits import PERMIT_NUMBERS, Permit, PermitKind

__all__ = [
    "OPEN_STATUSES",
    "PERMIT_NUMBERS",
    "RECEIPT_NUMBERS",
    "Action",
    "Application",
    "Clearance",
    "Decision",
    "DecisionTerm",
    "Fee",
    "LabourQuota",
    "LegalGround",
    "Payment",
    "Permit",
    "PermitKind",
    "QuotaExemption",
    "RequiredDocument",
    "Status",
    "Upload",
]
