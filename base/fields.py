"""Model fields and choices shared by the apps."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

# ISO 3166-1 alpha-2 codes of the countries the platform works with.
COUNTRY_CHOICES = [
    ("DE", _("Deutschland")),
    ("CN", _("China")),
    ("AT", _("Österreich")),
    ("CH", _("Schweiz")),
    ("FR", _("Frankreich")),
    ("NL", _("Niederlande")),
    ("LU", _("Luxemburg")),
    ("HK", _("Hongkong (China)")),
]

# Working languages of an organisation (ISO 639-1).
WORKING_LANGUAGE_CHOICES = [
    ("de", _("Deutsch")),
    ("zh", _("Chinesisch")),
    ("en", _("Englisch")),
    ("fr", _("Französisch")),
]


class MultipleChoiceField(models.JSONField):
    """A list of choice values stored as JSON, edited as checkboxes; works on every database."""

    def __init__(self, *args, choices_list=(), **kwargs):
        self.choices_list = list(choices_list)
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        # Choices are presentation only: changing them needs no migration.
        kwargs.pop("choices_list", None)
        return name, path, args, kwargs

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        valid = {str(key) for key, _label in self.choices_list}
        invalid = [item for item in value or [] if item not in valid]
        if invalid:
            raise forms.ValidationError(
                _("Ungültige Auswahl: %(values)s"), params={"values": ", ".join(map(str, invalid))}
            )

    def formfield(self, **kwargs):
        return forms.MultipleChoiceField(
            choices=self.choices_list,
            required=not self.blank,
            widget=forms.CheckboxSelectMultiple,
            label=self.verbose_name,
            help_text=self.help_text,
        )

    def labels(self, values):
        """The display labels of the given values, in choice order."""
        lookup = dict(self.choices_list)
        return [lookup[v] for v in values if v in lookup]


def default_locale_only():
    """Limit taxonomy choices to the default locale's entries; labels are localised by key."""
    from django.conf import settings

    return {"locale__language_code": settings.LANGUAGE_CODE}


def page_translatable_fields():
    """The translatable fields every page shares: its title, slug and SEO texts."""
    from wagtail_localize.fields import TranslatableField

    return [
        TranslatableField("title"),
        TranslatableField("slug"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
    ]
