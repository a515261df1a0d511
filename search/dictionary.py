"""The user dictionary: domain words and the content's names as words of their own.

jieba knows general Chinese; it would cut 博智林 or 青浦工业园区 into pieces that a query for
the name does not produce. So the names of organisations, regions, offices, sectors and
cooperation types (``search_name_fields`` of a page model, and the taxonomies) become jieba
words. (Latin-script names need nothing: words are delimited, and a German compound is only split
into the curated words of ``data/de_words.txt``.)

Each process loads ``data/zh_words.txt`` and every name in the database once, learns the names of
each page it indexes, and at query time reloads the names when the content generation (bumped on
every publish, see ``api/cache.py``) has changed since, so a name published by another process
segments the same way in all of them. A page that mentions a name learnt after the page was
indexed gets that name as one word at the next ``update_index``.
"""

import datetime
import logging
import threading

from search.analysis import TOKEN_RE, read_words

NAME_FREQUENCY = 50_000  # above any general word of the same characters in jieba's dictionary
REFRESH_OVERLAP = datetime.timedelta(minutes=1)
PIECE_FREQUENCY = 3  # known, but too rare to change how other text is segmented

_lock = threading.RLock()
_state = {"jieba": None, "generation": None}
_known = set()


def jieba():
    """The initialised jieba module with the domain words loaded."""
    if _state["jieba"] is None:
        with _lock:
            if _state["jieba"] is None:
                import jieba as jieba_module

                jieba_module.setLogLevel(logging.WARNING)
                jieba_module.initialize()
                _state["jieba"] = jieba_module
                learn(read_words("zh_words.txt"))
    return _state["jieba"]


def learn(names):
    """Make each name a word: Chinese runs become jieba words, Latin words are never split."""
    module = jieba()
    with _lock:
        for name in names:
            if not name or name in _known:
                continue
            _known.add(name)
            for match in TOKEN_RE.finditer(name):
                token = match.group("cjk")
                if not token or len(token) < 2 or module.dt.FREQ.get(token, 0) >= NAME_FREQUENCY:
                    continue
                # The name's own pieces (智造 in 佛山智造机器人有限公司, found by jieba's HMM)
                # become words too, so that a search for a part of the name finds it: the index
                # holds every dictionary word inside a word.
                for piece in module.cut(token, HMM=True):
                    if len(piece) > 1 and not module.dt.FREQ.get(piece):
                        module.add_word(piece, freq=PIECE_FREQUENCY)
                module.add_word(token, freq=NAME_FREQUENCY)


def names_in_database(since=None):
    """The content's names: page names (``search_name_fields``; with ``since``, only of pages
    published or edited since then) and taxonomy names."""
    from django.apps import apps
    from django.db.models import Q
    from wagtail.models import Page

    names = []
    for model in apps.get_models():
        if issubclass(model, Page) and hasattr(model, "search_name_fields"):
            pages = model.objects.all()
            if since is not None:
                pages = pages.filter(
                    Q(last_published_at__gte=since) | Q(latest_revision_created_at__gte=since)
                )
            for row in pages.values_list(*model.search_name_fields):
                names.extend(value for value in row if value)
    for label in ("companies.Sector", "companies.CooperationType"):
        model = apps.get_model(label)
        names.extend(model.objects.values_list("name", flat=True))
    return names


def refresh():
    """Learn the names published since this process last looked: one cache read when nothing
    was published, else the names of the pages changed since (a minute of overlap covers
    clocks and transactions that committed late)."""
    from django.utils import timezone

    from api.cache import content_generation

    jieba()
    generation = content_generation()
    now = timezone.now()
    if generation is None:  # the cache is down: look at most once a minute
        loaded_at = _state.get("loaded_at")
        if loaded_at is not None and now - loaded_at < REFRESH_OVERLAP:
            return
    elif generation == _state["generation"]:
        return
    since = _state.get("loaded_at")
    learn(names_in_database(None if since is None else since - REFRESH_OVERLAP))
    _state["generation"] = generation
    _state["loaded_at"] = now


def learn_from(obj):
    """Learn the names of an object about to be indexed."""
    fields = getattr(obj, "search_name_fields", ())
    if fields:
        learn(str(getattr(obj, name, "") or "") for name in fields)
