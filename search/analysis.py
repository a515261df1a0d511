"""Language-aware text analysis for search, the same at index time and at query time.

Every search backend (SQLite FTS5, PostgreSQL full text with the ``simple`` configuration,
Elasticsearch/OpenSearch with a whitespace analyser) receives text that has already been analysed
here, so all of them match the same terms:

- Chinese runs are segmented with jieba. The index gets every word of the precise segmentation
  plus every dictionary word inside it ("search mode": 机器人公司 → 机器人公司, 机器人, 机器, 公司);
  a query is segmented precisely. Names from the content are jieba words (``search.dictionary``).
- Latin-script words are stemmed with Snowball (German for ``de`` and ``zh-hans``, whose Latin
  text is mostly German and English names; English for ``en``) and folded (lower case, ä → a,
  ß → ss). German compounds are split into the words of ``data/de_words.txt``: the index gets the
  compound, its parts and the runs of adjacent parts (Werkzeugmaschinenbau → werkzeugmaschinenbau,
  werkzeug, maschin, bau, werkzeugmaschin, maschinenbau).
- Stop words are dropped on both sides.

The autocomplete column also keeps the folded surface forms, so a prefix matches what the user
sees ("werkzeugm" → Werkzeugmaschinen) as well as the stem.
"""

import re
import threading
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import snowballstemmer

DATA = Path(__file__).resolve().parent / "data"

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
TOKEN_RE = re.compile(rf"(?P<cjk>[{CJK}]+)|(?P<word>(?:(?![{CJK}])[^\W_])+)")
CJK_RE = re.compile(rf"[{CJK}]")

LATIN_LANGUAGE = {"en": "english"}  # every other locale: German
DEFAULT_LANGUAGE = "german"

GERMAN_STOP_WORDS = frozenset(
    [
        "aber",
        "alle",
        "allem",
        "allen",
        "aller",
        "alles",
        "als",
        "also",
        "am",
        "an",
        "ander",
        "andere",
        "anderem",
        "anderen",
        "anderer",
        "anderes",
        "anderm",
        "andern",
        "anderr",
        "anders",
        "auch",
        "auf",
        "aus",
        "bei",
        "bin",
        "bis",
        "bist",
        "da",
        "damit",
        "dann",
        "das",
        "dass",
        "dasselbe",
        "dazu",
        "dein",
        "deine",
        "deinem",
        "deinen",
        "deiner",
        "deines",
        "dem",
        "demselben",
        "den",
        "denn",
        "denselben",
        "der",
        "derer",
        "derselbe",
        "derselben",
        "des",
        "desselben",
        "dessen",
        "dich",
        "die",
        "dies",
        "diese",
        "dieselbe",
        "dieselben",
        "diesem",
        "diesen",
        "dieser",
        "dieses",
        "dir",
        "doch",
        "dort",
        "du",
        "durch",
        "ein",
        "eine",
        "einem",
        "einen",
        "einer",
        "eines",
        "einig",
        "einige",
        "einigem",
        "einigen",
        "einiger",
        "einiges",
        "einmal",
        "er",
        "es",
        "etwas",
        "euch",
        "euer",
        "eure",
        "eurem",
        "euren",
        "eurer",
        "eures",
        "für",
        "gegen",
        "gewesen",
        "hab",
        "habe",
        "haben",
        "hat",
        "hatte",
        "hatten",
        "hier",
        "hin",
        "hinter",
        "ich",
        "ihm",
        "ihn",
        "ihnen",
        "ihr",
        "ihre",
        "ihrem",
        "ihren",
        "ihrer",
        "ihres",
        "im",
        "in",
        "indem",
        "ins",
        "ist",
        "jede",
        "jedem",
        "jeden",
        "jeder",
        "jedes",
        "jene",
        "jenem",
        "jenen",
        "jener",
        "jenes",
        "jetzt",
        "kann",
        "kein",
        "keine",
        "keinem",
        "keinen",
        "keiner",
        "keines",
        "können",
        "könnte",
        "machen",
        "man",
        "manche",
        "manchem",
        "manchen",
        "mancher",
        "manches",
        "mein",
        "meine",
        "meinem",
        "meinen",
        "meiner",
        "meines",
        "mich",
        "mir",
        "mit",
        "muss",
        "musste",
        "nach",
        "nicht",
        "nichts",
        "noch",
        "nun",
        "nur",
        "ob",
        "oder",
        "ohne",
        "sehr",
        "sein",
        "seine",
        "seinem",
        "seinen",
        "seiner",
        "seines",
        "selbst",
        "sich",
        "sie",
        "sind",
        "so",
        "solche",
        "solchem",
        "solchen",
        "solcher",
        "solches",
        "soll",
        "sollte",
        "sondern",
        "sonst",
        "um",
        "und",
        "uns",
        "unsere",
        "unserem",
        "unseren",
        "unserer",
        "unseres",
        "unter",
        "viel",
        "vom",
        "von",
        "vor",
        "während",
        "war",
        "waren",
        "warst",
        "was",
        "weg",
        "weil",
        "weiter",
        "welche",
        "welchem",
        "welchen",
        "welcher",
        "welches",
        "wenn",
        "werde",
        "werden",
        "wie",
        "wieder",
        "will",
        "wir",
        "wird",
        "wirst",
        "wo",
        "wollen",
        "wollte",
        "würde",
        "würden",
        "zu",
        "zum",
        "zur",
        "zwar",
        "zwischen",
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "has",
        "in",
        "is",
        "it",
        "of",
        "on",
        "or",
        "the",
        "to",
        "was",
        "were",
        "will",
        "with",
    ]
)
CHINESE_STOP_WORDS = frozenset(
    [
        "的",
        "了",
        "和",
        "与",
        "及",
        "以及",
        "在",
        "是",
        "为",
        "对",
        "等",
        "也",
        "并",
        "或",
        "其",
        "之",
        "而",
        "就",
        "都",
        "被",
        "把",
        "从",
        "向",
        "以",
        "于",
        "这",
        "那",
        "个",
        "一个",
        "我们",
        "你们",
        "他们",
        "它",
        "该",
        "此",
        "有",
        "将",
        "已",
        "所",
        "由",
        "至",
        "着",
        "吗",
        "呢",
        "吧",
        "啊",
    ]
)

LINKING_ELEMENTS = ("", "s", "es", "n", "en", "e", "er")
MIN_COMPOUND_LENGTH = 8
MIN_PART_LENGTH = 3
FOLD_TABLE = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss"})


def language_for(locale_code):
    """The Snowball language for Latin-script words of a locale (``de`` → german)."""
    code = (locale_code or "").lower().split("-")[0]
    return LATIN_LANGUAGE.get(code, DEFAULT_LANGUAGE)


def fold(text):
    """Lower case without umlauts and accents: the form every Latin term is compared in."""
    text = text.lower().translate(FOLD_TABLE)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def is_cjk(text):
    return bool(CJK_RE.search(text))


# --- Latin script ------------------------------------------------------------------------------

_local = threading.local()


def _stemmer(language):
    """A Snowball stemmer per thread (stemmer objects keep state between calls)."""
    stemmers = getattr(_local, "stemmers", None)
    if stemmers is None:
        stemmers = _local.stemmers = {}
    if language not in stemmers:
        stemmers[language] = snowballstemmer.stemmer(language)
    return stemmers[language]


@lru_cache(maxsize=100_000)
def stem(word, language=DEFAULT_LANGUAGE):
    """The folded Snowball stem of one lower-case word."""
    return fold(_stemmer(language).stemWord(word))


def read_words(name):
    words = set()
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            words.add(line.split()[0])
    return words


@dataclass
class Lexicon:
    """Words a German compound may be split into."""

    words: set = field(default_factory=set)

    @classmethod
    def default(cls):
        return cls(words={fold(word) for word in read_words("de_words.txt")})


LEXICON = Lexicon.default()


def _part_forms(word):
    """(base word, length) pairs a lexicon word may take inside a compound."""
    for linker in LINKING_ELEMENTS:
        yield word + linker
    if word.endswith("e"):  # Schule → Schul|bau
        yield word[:-1]


@lru_cache(maxsize=50_000)
def _lexicon_forms():
    forms = {}
    for word in LEXICON.words:
        for form in _part_forms(word):
            if len(form) >= MIN_PART_LENGTH:
                forms.setdefault(form, word)
    return forms


@lru_cache(maxsize=100_000)
def split_compound(folded):
    """The parts of a folded German compound as substrings, or () when it is no compound.

    Every part must be a lexicon word (with an optional linking element); the split with the
    fewest parts wins, ties go to the longest first part.
    """
    if len(folded) < MIN_COMPOUND_LENGTH:
        return ()
    forms = _lexicon_forms()
    best = {len(folded): ()}  # position → shortest list of parts that covers folded[position:]
    for start in range(len(folded) - MIN_PART_LENGTH, -1, -1):
        candidates = []
        for end in range(len(folded), start + MIN_PART_LENGTH - 1, -1):
            piece = folded[start:end]
            if piece in forms and end in best:
                candidates.append((piece,) + best[end])
        if candidates:
            best[start] = min(candidates, key=len)
    parts = best.get(0, ())
    return parts if len(parts) > 1 else ()


def latin_terms(word, language, surface=False):
    """Index terms of one Latin-script word: its stem, its compound parts' stems and the runs
    of adjacent parts; with ``surface`` also the folded word and parts as written."""
    lowered = word.lower()
    folded = fold(lowered)
    if lowered in GERMAN_STOP_WORDS or folded in GERMAN_STOP_WORDS:
        return []
    terms = [stem(lowered, language)]
    if surface:
        terms.append(folded)
    if language == "german":
        parts = split_compound(folded)
        for size in range(1, len(parts)):
            for first in range(len(parts) - size + 1):
                piece = "".join(parts[first : first + size])
                terms.append(stem(piece, language))
                if surface:
                    terms.append(piece)
    return list(dict.fromkeys(term for term in terms if term))


def latin_query_alternatives(word, language, surface=False):
    """What one query word may match: its stem, or all of its compound parts (a query for
    Robotikunternehmen finds "Unternehmen für Robotik")."""
    lowered = word.lower()
    folded = fold(lowered)
    if lowered in GERMAN_STOP_WORDS or folded in GERMAN_STOP_WORDS:
        return []
    alternatives = [(stem(lowered, language),)]
    if surface and folded != alternatives[0][0]:
        alternatives.append((folded,))
    if language == "german":
        parts = split_compound(folded)
        if parts:
            alternatives.append(tuple(stem(part, language) for part in parts))
    return alternatives


# --- Chinese -----------------------------------------------------------------------------------


def cjk_words(run, search=True):
    """Words of a run of Chinese characters: the precise segmentation, and with ``search``
    every dictionary word of two or more characters inside each of its words."""
    from search import dictionary

    jieba = dictionary.jieba()
    frequencies = jieba.dt.FREQ
    words = []
    for word in jieba.cut(run, HMM=True):
        if word in CHINESE_STOP_WORDS:
            continue
        words.append(word)
        if search and len(word) > 2:
            for size in range(len(word) - 1, 1, -1):
                for start in range(len(word) - size + 1):
                    piece = word[start : start + size]
                    if frequencies.get(piece) and piece not in CHINESE_STOP_WORDS:
                        words.append(piece)
    return words


# --- Text --------------------------------------------------------------------------------------


def tokens(text):
    """(kind, token, start, end) for the words of ``text``: kind is "cjk" or "word"."""
    for match in TOKEN_RE.finditer(text):
        kind = "cjk" if match.group("cjk") else "word"
        yield kind, match.group(), match.start(), match.end()


def normalise(text):
    """Full-width letters and digits to ASCII, compatibility forms to their base (NFKC)."""
    return unicodedata.normalize("NFKC", text or "")


def index_terms(text, locale_code, autocomplete=False):
    """The terms of ``text`` as indexed for a page in ``locale_code`` (in text order, repeated
    terms kept so that frequencies count)."""
    language = language_for(locale_code)
    terms = []
    for kind, token, _start, _end in tokens(normalise(text)):
        if kind == "cjk":
            terms.extend(cjk_words(token, search=True))
        else:
            terms.extend(latin_terms(token, language, surface=autocomplete))
    return terms


def analyse_for_index(text, locale_code, autocomplete=False):
    """``index_terms`` as one space-separated string, the value a backend indexes."""
    return " ".join(index_terms(text, locale_code, autocomplete=autocomplete))


@dataclass(frozen=True)
class QueryWord:
    """One word of a query and the term combinations that satisfy it (any one of them, each
    of its terms required)."""

    text: str
    alternatives: tuple


def analyse_query(text, languages=(DEFAULT_LANGUAGE,), autocomplete=False):
    """The words of a query with their alternatives, for one or more Latin languages (the admin
    searches every locale at once)."""
    words = []
    for kind, token, _start, _end in tokens(normalise(text)):
        if kind == "cjk":
            for word in cjk_words(token, search=False):
                words.append(QueryWord(word, ((word,),)))
            continue
        alternatives = []
        for language in languages:
            for alternative in latin_query_alternatives(token, language, surface=autocomplete):
                if alternative not in alternatives:
                    alternatives.append(alternative)
        if alternatives:
            words.append(QueryWord(token, tuple(alternatives)))
    return words


def query_terms(words):
    """Every term a query may match, for highlighting."""
    return {term for word in words for alternative in word.alternatives for term in alternative}
