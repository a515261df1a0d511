"""Machine translators for wagtail-localize (``WAGTAILLOCALIZE_MACHINE_TRANSLATOR``).

- ``DeepLTranslator`` in production (``DEEPL_API_KEY``): wagtail-localize's DeepL client with a
  configurable endpoint (``DEEPL_API_URL``, for a proxy or the tests' local receiver) and a clear
  error instead of a KeyError when DeepL answers with an error.
- ``OfflineTranslator`` everywhere else: no network. A text that is a term of
  ``data/glossary.tsv`` (names, places, sectors) as a whole gets the glossary's translation, in
  either direction; any other text keeps its source entirely behind a marker ("[需要翻译] " into
  Chinese, "[Übersetzung nötig] " into German), visible in the translation editor, the explorer
  and a preview, so the draft says plainly which texts still need a translator. It used to
  replace glossary terms inside sentences, which gave half-German Chinese ("机器人kooperation mit
  佛山 vereinbart") that read like a finished if poor translation.

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
# The offline translator's marks on texts it cannot translate (translations/machine.py).
NEEDS_TRANSLATION_ZH = "[需要翻译] "
NEEDS_TRANSLATION_DE = "[Übersetzung nötig] "
# A page's slug is a segment too: left as it is (translations/slugs.py gives Chinese pages a
# pinyin slug when they are first published).
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)+$")


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
        pairs = glossary()
        terms = dict(pairs) if to_chinese else {zh: de for de, zh in pairs}
        marker = NEEDS_TRANSLATION_ZH if to_chinese else NEEDS_TRANSLATION_DE
        return {
            string: StringValue(self.translate_one(string.data, terms, marker))
            for string in strings
        }

    @staticmethod
    def translate_one(html, terms, marker):
        """The glossary's translation of a text that is a term as a whole (tags kept); else the
        text unchanged behind the marker, set before its first word."""
        if SLUG_RE.match(html):
            return html
        parts = TAG_RE.split(html)
        texts = [part for index, part in enumerate(parts) if not index % 2 and part.strip()]
        if len(texts) == 1 and texts[0].strip() in terms:
            term = texts[0].strip()
            return html.replace(term, terms[term], 1)
        for index, part in enumerate(parts):
            if not index % 2 and part.strip():
                stripped = part.lstrip()
                parts[index] = part[: len(part) - len(stripped)] + marker + stripped
                break
        return "".join(parts)
