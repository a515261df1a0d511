#!/usr/bin/env python
"""Fill the admin's message catalogues from a translation table (a maintenance helper).

    .venv/bin/python scripts/fill_messages.py translations.tsv

Each line of the table: the German msgid, the Simplified Chinese and the English text,
separated by tabs. Entries of ``locale/zh_Hans`` and ``locale/en`` that the table knows get
their msgstr and lose a ``fuzzy`` flag; the msgids still missing are printed. Run
``make messages`` first (it extracts and compiles) and again after (to compile).
"""

import re
import sys
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
COLUMNS = {"zh_Hans": 1, "en": 2}


def unquote(text):
    return text.replace('\\"', '"').replace("\\\\", "\\")


def quote(text):
    return text.replace("\\", "\\\\").replace('"', '\\"')


def fill(path, table):
    blocks = path.read_text(encoding="utf-8").split("\n\n")
    missing = []
    for index, block in enumerate(blocks):
        match = re.search(r'^msgid ((?:".*"\n)+)msgstr ((?:".*"\n?)+)', block + "\n", re.M)
        if not match:
            continue
        msgid = unquote("".join(re.findall(r'"(.*)"', match.group(1))))
        if not msgid:
            continue
        if msgid not in table:
            if "#, fuzzy" in block or not "".join(re.findall(r'"(.*)"', match.group(2))):
                missing.append(msgid)
            continue
        head = block[: match.start()]
        head = "\n".join(line for line in head.split("\n") if not line.startswith("#, fuzzy"))
        head = "\n".join(line for line in head.split("\n") if not line.startswith("#| "))
        blocks[index] = f'{head}msgid {match.group(1)}msgstr "{quote(table[msgid])}"'.rstrip("\n")
    path.write_text("\n\n".join(blocks).rstrip("\n") + "\n", encoding="utf-8")
    return missing


def main(table_path):
    lines = Path(table_path).read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines]
    for language, column in COLUMNS.items():
        table = {row[0]: row[column] for row in rows if len(row) == 3}
        missing = fill(LOCALE_DIR / language / "LC_MESSAGES" / "django.po", table)
        print(f"{language}: {len(missing)} missing", *missing, sep="\n  ")


if __name__ == "__main__":
    main(sys.argv[1])
