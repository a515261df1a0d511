"""Machine translators for wagtail-localize (``WAGTAILLOCALIZE_MACHINE_TRANSLATOR``).

- ``DeepLTranslator`` in production (``DEEPL_API_KEY``): wagtail-localize's DeepL client with a
  configurable endpoint (``DEEPL_API_URL``, for a proxy or the tests' local receiver) and a clear
  error instead of a KeyError when DeepL answers with an error.
- ``OfflineTranslator`` everywhere else: no network; it replaces the terms of
  ``data/glossary.tsv`` (names, places, sectors) in either direction and leaves the rest as it
  is, so that a pre-translated draft shows which sentences still need a translator.

Either way the result is stored as machine translation (wagtail-localize shows it as such) and
lands in a draft (``translations.pretranslate``).
"""

import re
from functools import lru_cache
from pathlib import Path

import requests
from wagtail_localize.machine_translators.base import BaseMachineTranslator
from wagtail_localize.machine_translators.deepl import DeepLTranslator as LocalizeDeepL
from wagtail_localize.strings import StringValue

GLOSSARY = Path(__file__).resolve().parent / "data" / "glossary.tsv"
TAG_RE = re.compile(r"(<[^>]+>)")
MULTIPLE_SPACES_RE = re.compile(r" {2,}")
SPACE_BEFORE_PUNCTUATION_RE = re.compile(r" ([,.;:!?，。；：！？）)])")


class MachineTranslationError(Exception):
    """The translation service failed; the message says why (shown to editors and in logs)."""


class DeepLTranslator(LocalizeDeepL):
    display_name = "DeepL"

    def get_api_endpoint(self):
        return self.options.get("API_URL") or super().get_api_endpoint()

    def translate(self, source_locale, target_locale, strings):
        strings = list(strings)
        try:
            response = requests.post(
                self.get_api_endpoint(),
                self.get_parameters(source_locale, target_locale, strings),
                timeout=int(self.options.get("TIMEOUT", 30)),
                headers=self.get_headers(),
            )
        except requests.RequestException as error:
            raise MachineTranslationError(f"DeepL is not reachable: {error}") from error
        if response.status_code != 200:
            raise MachineTranslationError(
                f"DeepL answered {response.status_code}: {response.text[:200]}"
            )
        translations = response.json().get("translations", [])
        if len(translations) != len(strings):
            raise MachineTranslationError(
                f"DeepL returned {len(translations)} translations for {len(strings)} texts."
            )
        return {
            string: StringValue(translation["text"])
            for string, translation in zip(strings, translations, strict=True)
        }


@lru_cache(maxsize=1)
def glossary():
    pairs = []
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or "\t" not in line:
            continue
        german, chinese = line.split("\t", 1)
        pairs.append((german.strip(), chinese.strip()))
    return pairs


class OfflineTranslator(BaseMachineTranslator):
    display_name = "Offline-Glossar"

    def can_translate(self, source_locale, target_locale):
        return source_locale.language_code != target_locale.language_code

    def translate(self, source_locale, target_locale, strings):
        to_chinese = target_locale.language_code.startswith("zh")
        pairs = [(de, zh) if to_chinese else (zh, de) for de, zh in glossary()]
        pairs.sort(key=lambda pair: -len(pair[0]))  # longest terms first
        return {
            string: StringValue(self.replace(string.data, pairs, spaced=not to_chinese))
            for string in strings
        }

    @staticmethod
    def replace(html, pairs, spaced=False):
        """Replace glossary terms in the text between tags, never inside a tag. Into a
        language written with spaces, the replacements are set apart by spaces (Chinese has
        none between words)."""
        parts = TAG_RE.split(html)
        for index, part in enumerate(parts):
            if index % 2 or not part:
                continue
            for source, target in pairs:
                part = part.replace(source, f" {target} " if spaced else target)
            if spaced:
                part = SPACE_BEFORE_PUNCTUATION_RE.sub(r"\1", MULTIPLE_SPACES_RE.sub(" ", part))
                part = part.strip() if len(parts) == 1 else part
            parts[index] = part
        return "".join(parts)
