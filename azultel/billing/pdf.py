"""A bill as a PDF (ReportLab): account number, the customer's name and billing address as
printed, the summary and every line. Call detail is never in the PDF: a downloaded file outlives
the password sign-in that CPNI access needs (P30), so it stays online only."""

from __future__ import annotations

from collections.abc import Iterable
from io import BytesIO
from xml.sax.saxutils import escape

from django.utils import timezone
from reportlab.lib import colors
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import inch
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from azultel.billing.charges import day_text, usd
from azultel.billing.models import Bill, BillLine

_BRAND = colors.HexColor("#0b4f8a")


def _address_lines(bill: Bill) -> list[str]:
    street = ", ".join(part for part in (bill.billing_street, bill.billing_unit) if part)
    city = " ".join(
        part
        for part in (f"{bill.billing_city}," if bill.billing_city else "", bill.billing_state)
        if part
    )
    return [
        line for line in (bill.customer_name, street, f"{city} {bill.billing_zip}".strip()) if line
    ]


def bill_pdf(*, bill: Bill, lines: Iterable[BillLine], company: dict[str, str]) -> bytes:
    """The PDF bytes of one bill. ``company``: name, postal_address, phone, site_url."""
    buffer = BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=LETTER,
        leftMargin=0.8 * inch,
        rightMargin=0.8 * inch,
        topMargin=0.7 * inch,
        bottomMargin=0.7 * inch,
        title=f"Azultel bill {bill.number}",
        author=company["name"],
        subject=f"Monthly bill for {bill.period_label}",
    )
    styles = getSampleStyleSheet()
    body = styles["BodyText"]
    small = ParagraphStyle("small", parent=body, fontSize=8, leading=10, textColor=colors.grey)
    heading = ParagraphStyle("heading", parent=styles["Heading1"], textColor=_BRAND)
    story: list[object] = [
        Paragraph("Azultel", heading),
        Paragraph(escape(company["postal_address"]), small),
        Spacer(1, 0.2 * inch),
        Paragraph(f"<b>Monthly bill for {escape(bill.period_label)}</b>", styles["Heading2"]),
    ]
    facts = [
        ["Account number", bill.account.account_number],
        ["Bill number", bill.number],
        ["Issued", day_text(timezone.localtime(bill.issued_at).date())],
        ["Service period", f"{day_text(bill.period_start)} to {day_text(bill.period_end)}"],
        ["Payment due", day_text(bill.due_date)],
    ]
    address = "<br/>".join(escape(line) for line in _address_lines(bill))
    top = Table(
        [[Table(facts, colWidths=[1.4 * inch, 2.0 * inch]), Paragraph(address, body)]],
        colWidths=[3.5 * inch, 3.3 * inch],
    )
    top.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story += [top, Spacer(1, 0.25 * inch), Paragraph("<b>Summary</b>", styles["Heading3"])]
    summary = [
        ["Previous balance", usd(bill.previous_balance)],
        ["Payments received", usd(-bill.payments_total)],
        ["Credits", usd(-bill.credits_total)],
        ["Charges this month", usd(bill.charges_total)],
        ["Taxes and fees", usd(bill.taxes_total)],
        ["Amount due", usd(bill.amount_due)],
    ]
    summary_table = Table(summary, colWidths=[4.8 * inch, 2.0 * inch])
    summary_table.setStyle(
        TableStyle(
            [
                ("ALIGN", (1, 0), (1, -1), "RIGHT"),
                ("LINEABOVE", (0, -1), (-1, -1), 1, _BRAND),
                ("FONTNAME", (0, -1), (-1, -1), "Helvetica-Bold"),
            ]
        )
    )
    story += [
        summary_table,
        Spacer(1, 0.25 * inch),
        Paragraph("<b>Every line</b>", styles["Heading3"]),
    ]
    rows = [[Paragraph("<b>What it is</b>", body), Paragraph("<b>Amount</b>", body)]]
    rows += [[Paragraph(escape(line.description), body), usd(line.amount)] for line in lines]
    detail = Table(rows, colWidths=[5.6 * inch, 1.2 * inch], repeatRows=1)
    detail.setStyle(
        TableStyle(
            [
                ("ALIGN", (1, 0), (1, -1), "RIGHT"),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.grey),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f2f6fa")]),
            ]
        )
    )
    story += [
        detail,
        Spacer(1, 0.3 * inch),
        Paragraph(
            "Call detail for this bill is shown online only, after you sign in with your "
            f"password at {escape(company['site_url'])}. Questions about this bill: call "
            f"{escape(company['phone'])}.",
            small,
        ),
    ]
    doc.build(story)
    return buffer.getvalue()
