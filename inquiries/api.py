"""``POST /api/v1/inquiries``: a message to an organisation or an office, without its address.

Validated (400 naming each field; no line breaks in the one-line fields), a honeypot field for
bots, rate limits per client address, per sender email and per recipient (429 with
``Retry-After``), stored before anything is sent, then mailed by a background task
(``inquiries.delivery``). The answer never contains the recipient's address.
"""

from datetime import datetime
from typing import Annotated, Literal
from uuid import UUID, uuid4

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from ninja import Field, Router, Schema, Status
from pydantic import StringConstraints, field_validator
from wagtail.models import Page

from api.envelope import ErrorResponse
from api.params import CountryCode, PageId
from api.ratelimit import check_rate_limit, hashed
from api.schemas import OutSchema
from base.models import visible_q
from companies.models import OrganisationPage
from inquiries.delivery import deliver_inquiry_task
from inquiries.models import Inquiry
from regions.models import OfficePage

router = Router()

# Text without control characters other than tab and line breaks.
Text = Annotated[
    str, StringConstraints(strip_whitespace=True, pattern=r"^[^\x00-\x08\x0b\x0c\x0e-\x1f]*$")
]
# One line: no control characters at all, nor Unicode's line and paragraph separators (a line
# break in a name or an address would end up in a mail header).
Line = Annotated[
    str,
    StringConstraints(strip_whitespace=True, pattern=r"^[^\x00-\x1f\x7f\x85\u2028\u2029]*$"),
]
RECIPIENT_KINDS = {OrganisationPage: "organisation", OfficePage: "office"}


class InquiryIn(Schema):
    recipient: PageId = Field(description="Id of an organisation or office page (any language).")
    name: Annotated[Line, StringConstraints(min_length=1, max_length=200)]
    organisation: Annotated[Line, StringConstraints(max_length=200)] = ""
    email: Annotated[Line, StringConstraints(min_length=3, max_length=254)]
    country: CountryCode = Field(description="ISO 3166-1 alpha-2 code of the sender's country.")
    message: Annotated[Text, StringConstraints(min_length=10, max_length=5000)]
    language: Literal["de", "zh-hans", "en"] = Field(
        description="The sender's language: the confirmation is written in it."
    )
    consent: bool = Field(
        description="The sender agrees that the platform stores the inquiry and forwards it."
    )
    website: str = Field(
        "", max_length=200, description="Leave empty (a field for bots; hide it in forms)."
    )

    @field_validator("email")
    @classmethod
    def _valid_email(cls, value):
        try:
            validate_email(value)
        except DjangoValidationError as error:
            raise ValueError("Enter a valid email address.") from error
        return value

    @field_validator("consent")
    @classmethod
    def _consent_given(cls, value):
        if not value:
            raise ValueError("Consent is required to send an inquiry.")
        return value


class RecipientOut(OutSchema):
    id: int
    type: str
    title: str


class InquiryOut(OutSchema):
    id: UUID
    status: str
    created_at: datetime
    recipient: RecipientOut


def find_recipient(page_id):
    page = Page.objects.filter(visible_q(), pk=page_id).specific().first()
    if page is None or type(page) not in RECIPIENT_KINDS:
        return None
    return page


@router.post(
    "/inquiries",
    response={202: InquiryOut, 400: ErrorResponse, 429: ErrorResponse},
    summary="Send an inquiry to an organisation or an office (its address stays private)",
)
def create_inquiry(request, payload: InquiryIn):
    check_rate_limit(
        request,
        "inquiries",
        settings.INQUIRY_RATE_LIMIT_PER_HOUR,
        3600,
        "Too many inquiries from this address; retry in {retry_after} seconds.",
    )
    # The confirmation goes to the given email: at most a few per hour to one mailbox, whatever
    # address the requests come from; and at most so many per hour to one recipient.
    check_rate_limit(
        request,
        "inquiries-email",
        settings.INQUIRY_RATE_LIMIT_PER_EMAIL_PER_HOUR,
        3600,
        "Too many inquiries from this email address; retry in {retry_after} seconds.",
        key=hashed(payload.email.lower()),
    )
    check_rate_limit(
        request,
        "inquiries-recipient",
        settings.INQUIRY_RATE_LIMIT_PER_RECIPIENT_PER_HOUR,
        3600,
        "Too many inquiries to this recipient; retry in {retry_after} seconds.",
        key=str(payload.recipient),
    )
    page = find_recipient(payload.recipient)
    if page is None:
        message = "No published organisation or office with this id."
        return Status(
            400,
            {
                "detail": f"recipient: {message}",
                "errors": [{"field": "recipient", "location": "body", "message": message}],
            },
        )
    recipient = {"id": page.pk, "type": RECIPIENT_KINDS[type(page)], "title": page.title}
    now = timezone.now()
    if payload.website:  # a bot filled the hidden field: answered like a person, not stored
        return Status(
            202, {"id": uuid4(), "status": "pending", "created_at": now, "recipient": recipient}
        )
    inquiry = Inquiry.objects.create(
        recipient=page,
        recipient_title=page.title,
        recipient_kind=RECIPIENT_KINDS[type(page)],
        name=payload.name,
        organisation=payload.organisation,
        email=payload.email,
        country=payload.country,
        message=payload.message,
        language=payload.language,
        consent_at=now,
        next_attempt_at=now,
    )
    transaction.on_commit(lambda: deliver_inquiry_task.enqueue(inquiry.pk))
    return Status(
        202,
        {
            "id": inquiry.uuid,
            "status": inquiry.status,
            "created_at": inquiry.created_at,
            "recipient": recipient,
        },
    )
