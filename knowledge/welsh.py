"""A word-for-word English gloss of a message written in Welsh (knowledge/welsh.yml), so that the
search can find the guide's answer to it. The gloss is for matching only: it is never shown."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

GLOSSARY_FILE = Path(__file__).with_name("welsh.yml")
WORD = re.compile(r"[\wŵŷâêîôû'’-]+|\d+", re.IGNORECASE)


@lru_cache(maxsize=1)
def glossary() -> tuple[dict[str, str], dict[str, str]]:
    data = yaml.safe_load(GLOSSARY_FILE.read_text(encoding="utf-8"))
    return data["phrases"], data["words"]


def english_gloss(text: str) -> str:
    """"mae fy mab 14 oed ar goll ers neithiwr, beth ddylwn i wneud" -> "son 14 years old missing
    since last night what should i do". Words the glossary does not know are left out."""
    phrases, words = glossary()
    low = " " + re.sub(r"[’]", "'", text.lower()) + " "
    for phrase in sorted(phrases, key=len, reverse=True):
        low = re.sub(rf"(?<=\W){re.escape(phrase)}(?=\W)", f" <{phrases[phrase]}> ", low)
    out = []
    for chunk in re.split(r"(<[^>]*>)", low):
        if chunk.startswith("<"):
            out.append(chunk[1:-1])
            continue
        out += [words[w] if w in words else w for w in WORD.findall(chunk) if w in words or w.isdigit()]
    return " ".join(out)
