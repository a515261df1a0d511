"""StreamField blocks shared by every page type."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock

RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class ImageWithCaptionBlock(blocks.StructBlock):
    """An image with its alt text (from the image block) and an optional caption and credit."""

    image = ImageBlock(label=_("Bild"))
    caption = blocks.CharBlock(required=False, max_length=250, label=_("Bildunterschrift"))
    credit = blocks.CharBlock(required=False, max_length=120, label=_("Bildnachweis"))

    class Meta:
        icon = "image"
        label = _("Bild mit Unterschrift")


class QuoteBlock(blocks.StructBlock):
    """A quotation with the person quoted and their role."""

    text = blocks.TextBlock(label=_("Zitat"))
    author = blocks.CharBlock(required=False, max_length=120, label=_("Person"))
    role = blocks.CharBlock(required=False, max_length=160, label=_("Funktion"))

    class Meta:
        icon = "openquote"
        label = _("Zitat")


class CallToActionBlock(blocks.StructBlock):
    """A button leading to a page of the platform or an external address."""

    text = blocks.CharBlock(max_length=80, label=_("Beschriftung"))
    page = blocks.PageChooserBlock(
        required=False, label=_("Seite"), help_text=_("Eine Seite dieser Plattform ...")
    )
    url = blocks.URLBlock(
        required=False, label=_("Externe Adresse"), help_text=_("... oder eine externe Adresse.")
    )

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "url": blocks.BlockValidationError(
                        _("Bitte genau eines angeben: eine Seite oder eine externe Adresse.")
                    )
                }
            )
        return value

    class Meta:
        icon = "link"
        label = _("Handlungsaufforderung")


class BodyBlock(blocks.StreamBlock):
    """The body of news, events, regions and offices: text, images, quotes, embeds, buttons."""

    paragraph = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Absatz"))
    image = ImageWithCaptionBlock()
    quote = QuoteBlock()
    embed = EmbedBlock(
        label=_("Eingebettetes Medium"), help_text=_("Adresse eines Videos oder Beitrags")
    )
    call_to_action = CallToActionBlock()


class KeyFactBlock(blocks.StructBlock):
    """A label and a value, such as "Einwohner: 7,3 Mio."."""

    label = blocks.CharBlock(max_length=80, label=_("Bezeichnung"))
    value = blocks.CharBlock(max_length=120, label=_("Wert"))

    class Meta:
        icon = "list-ul"
        label = _("Kennzahl")


class MilestoneBlock(blocks.StructBlock):
    """A dated step of the cooperation, such as the signing of an MoU."""

    date = blocks.DateBlock(label=_("Datum"))
    title = blocks.CharBlock(max_length=160, label=_("Titel"))
    description = blocks.TextBlock(required=False, label=_("Beschreibung"))

    class Meta:
        icon = "date"
        label = _("Meilenstein")


class ServiceBlock(blocks.StructBlock):
    """A product or service with a short description."""

    title = blocks.CharBlock(max_length=160, label=_("Titel"))
    description = blocks.TextBlock(required=False, label=_("Beschreibung"))

    class Meta:
        icon = "tag"
        label = _("Leistung")


class CertificationBlock(blocks.StructBlock):
    """A certification, such as ISO 9001, with issuer and validity."""

    name = blocks.CharBlock(max_length=120, label=_("Bezeichnung"))
    issuer = blocks.CharBlock(required=False, max_length=120, label=_("Ausgestellt von"))
    valid_until = blocks.DateBlock(required=False, label=_("Gültig bis"))

    class Meta:
        icon = "success"
        label = _("Zertifizierung")
