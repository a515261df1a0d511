"""Excerpts with the matched words marked, for search results.

A word of the text is marked when one of its analysed terms is a term of the query, so
"Werkzeugmaschinen" is marked for the query "Werkzeugmaschine" and 机器人 inside 佛山的机器人公司
for 机器人. The excerpt is a window of the text around the first match, HTML-escaped, with
``<mark>`` around each match.
"""

from django.utils.html import escape

from search import dictionary
from search.analysis import (
    CHINESE_STOP_WORDS,
    language_for,
    latin_terms,
    normalise,
    query_terms,
    tokens,
)

EXCERPT_LENGTH = 200
LEAD = 60  # characters of context before the first match


def _cjk_spans(run, offset, terms):
    spans = []
    position = 0
    for word in dictionary.jieba().cut(run, HMM=True):
        start = offset + position
        position += len(word)
        if word in CHINESE_STOP_WORDS:
            continue
        if word in terms:
            spans.append((start, start + len(word)))
            continue
        # A query word inside a longer word: the longest one at each position.
        index = 0
        while index < len(word) - 1:
            for size in range(len(word) - index, 1, -1):
                if word[index : index + size] in terms:
                    spans.append((start + index, start + index + size))
                    index += size - 1
                    break
            index += 1
    return spans


def match_spans(text, words, locale_code):
    """(start, end) of every word of ``text`` that matches the analysed query ``words``."""
    terms = query_terms(words)
    if not terms:
        return []
    language = language_for(locale_code)
    spans = []
    for kind, token, start, end in tokens(text):
        if kind == "cjk":
            spans.extend(_cjk_spans(token, start, terms))
        elif terms.intersection(latin_terms(token, language)):
            spans.append((start, end))
    return spans


def excerpt(text, words, locale_code, length=EXCERPT_LENGTH):
    """HTML: up to ``length`` characters of ``text`` around the first match, matches marked.
    Without a match, the beginning of the text."""
    text = " ".join(normalise(text).split())
    if not text:
        return ""
    spans = match_spans(text, words, locale_code)
    start = 0
    if spans and spans[0][0] > LEAD:
        start = spans[0][0] - LEAD
        space = text.find(" ", start, spans[0][0])
        if space != -1 and space - start < 20:
            start = space + 1
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", start + length - 30, end)
        if space > start:
            end = space
    parts = ["…" if start > 0 else ""]
    cursor = start
    for span_start, span_end in spans:
        if span_end <= cursor or span_start >= end:
            continue
        span_start = max(span_start, cursor)
        span_end = min(span_end, end)
        parts.append(escape(text[cursor:span_start]))
        parts.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
        cursor = span_end
    parts.append(escape(text[cursor:end]))
    if end < len(text):
        parts.append("…")
    return "".join(parts)
