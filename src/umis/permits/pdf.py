"""Decision letters and permits as PDF, in the applicant's language.

The DejaVu fonts ship inside the package (fonts/, with their licence) so
Azerbaijani (ə ğ ı ş) and Russian text render on a machine with no fonts
installed at all.
"""

from io import BytesIO
from pathlib import Path

import qrcode  # type: ignore[import-untyped]
from django.utils import translation
from django.utils.translation import gettext as _
from fpdf import FPDF

from umis.permits.catalogue import QUESTIONS
from umis.permits.models import Application, Decision, Permit

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT, MONO = "DejaVu", "DejaVuMono"


def _document(title: str) -> FPDF:
    pdf = FPDF(format="A4")
    pdf.set_title(title)
    pdf.set_creator("UMIS")
    pdf.add_font(FONT, fname=str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font(MONO, fname=str(FONT_DIR / "DejaVuSansMono.ttf"))
    pdf.add_page()
    pdf.set_font(FONT, size=10)
    pdf.cell(
        0, 6, _("Republic of Azerbaijan · State Migration Service"), new_x="LMARGIN", new_y="NEXT"
    )
    pdf.ln(4)
    pdf.set_font(FONT, size=16)
    pdf.multi_cell(0, 8, title, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font(FONT, size=11)
    return pdf


def _row(pdf: FPDF, label: str, value: str) -> None:
    pdf.set_font(FONT, size=9)
    pdf.cell(55, 6, label)
    pdf.set_font(FONT, size=11)
    pdf.multi_cell(0, 6, value or "—", new_x="LMARGIN", new_y="NEXT")


def _applicant_rows(pdf: FPDF, application: Application) -> None:
    labels = {q.name: str(q.label) for q in QUESTIONS[application.service]}
    for name in ("surname", "given_names", "birth_date", "nationality"):
        _row(pdf, labels[name], str(application.answers.get(name, "")))


def determined_text(decision: Decision) -> str:
    """What a determination of status found, in words: "stateless" or the citizenship."""
    country = decision.determined_country
    if country is None:
        return str(decision.get_determined_status_display())
    return _("citizen of %(country)s") % {"country": f"{country.name} ({country.code})"}


def decision_letter(application: Application) -> bytes:
    """The letter stating the decision, its legal grounds and reasons."""
    decision: Decision = application.decision
    with translation.override(application.language):
        title = _("Decision on application %(receipt)s") % {"receipt": application.receipt_display}
        pdf = _document(title)
        _row(pdf, _("Service"), application.get_service_display())
        _applicant_rows(pdf, application)
        _row(pdf, _("Decision"), decision.get_outcome_display())
        if decision.decided_at:
            _row(pdf, _("Date"), decision.decided_at.date().isoformat())
        for ground in decision.grounds.all():
            _row(pdf, _("Legal ground"), f"{ground.name} ({ground.article})")
        if decision.determined_status:
            _row(pdf, _("Status determined"), determined_text(decision))
        _row(pdf, _("Reasons"), decision.reasons)
        if decision.outcome == Decision.Outcome.REFUSE:
            pdf.ln(4)
            pdf.multi_cell(0, 6, _("You may appeal this decision to the court within one month."))
        return bytes(pdf.output())


def _qr_png(text: str) -> BytesIO:
    image = qrcode.make(text, box_size=4, border=2)
    buffer = BytesIO()
    image.save(buffer)
    buffer.seek(0)
    return buffer


def permit_document(permit: Permit, verify_url: str) -> bytes:
    """The permit with its number, validity, conditions, card data and a QR code."""
    application = permit.application
    with translation.override(application.language):
        pdf = _document(permit.get_kind_display().capitalize())
        _row(pdf, _("Number"), permit.number_display)
        _applicant_rows(pdf, application)
        _row(pdf, _("Valid from"), permit.valid_from.isoformat())
        _row(pdf, _("Valid until"), permit.valid_to.isoformat())
        labels = {"employer": _("Employer"), "position": _("Position"), "workplace": _("Workplace")}
        for key, value in permit.conditions.items():
            _row(pdf, labels.get(key, key), value)
        if permit.fin:
            _row(pdf, _("FIN"), permit.fin)
        if permit.card_mrz:
            pdf.ln(3)
            pdf.set_font(MONO, size=11)
            pdf.multi_cell(0, 5, permit.card_mrz, new_x="LMARGIN", new_y="NEXT")
            pdf.set_font(FONT, size=11)
        pdf.ln(4)
        pdf.image(_qr_png(verify_url), w=40)
        pdf.set_font(FONT, size=9)
        pdf.multi_cell(
            0,
            5,
            _("Scan the code or enter the number at %(url)s to check this permit.")
            % {"url": verify_url.split("?")[0]},
        )
        return bytes(pdf.output())
