"""A word-for-word English gloss of a message written in Welsh (knowledge/welsh.yml), so that the
search can find the guide's answer to it. The gloss is for matching only: it is never shown."""
from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import yaml

GLOSSARY_FILE = Path(__file__).with_name("welsh.yml")
WORD = re.compile(r"[\w'-]+")


@lru_cache(maxsize=1)
def glossary() -> tuple[re.Pattern, dict[str, str], dict[str, str]]:
    """The phrases (longest first, as one pattern) and the words, read once."""
    data = yaml.safe_load(GLOSSARY_FILE.read_text(encoding="utf-8"))
    phrases = data["phrases"]
    pattern = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<=\W)({pattern})(?=\W)"), phrases, data["words"]


def english_gloss(text: str, borrowed: Callable[[str], bool] = lambda word: False) -> str:
    """"mae fy mab 14 oed ar goll ers neithiwr, beth ddylwn i wneud" -> "son 14 years old missing
    since last night what should i do". English words the message borrows are kept when
    `borrowed` says so ("beth yw county lines"); other words the glossary does not know are left out."""
    phrase, phrases, words = glossary()
    low = phrase.sub(lambda m: f" <{phrases[m.group(1)]}> ", " " + text.lower().replace("’", "'") + " ")
    out = []
    for chunk in re.split(r"(<[^>]*>)", low):
        if chunk.startswith("<"):
            out.append(chunk[1:-1])
            continue
        out += [words.get(w, w) for w in WORD.findall(chunk) if w in words or w.isdigit() or borrowed(w)]
    return " ".join(out)
