"""Find the entry that answers a question typed in everyday words.

Each entry is represented by its title, keywords and example questions. A question is
compared with each of them on two views: lemmas (with everyday words and slang expanded
through synonyms.yml) and character n-grams (which forgive typos). An entry's score is its
best-matching text on the blended view, nudged up when the entry is written for the
person asking. Built once when the action server starts; adding an entry needs no retraining.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import yaml
from sklearn.feature_extraction.text import TfidfVectorizer
from spacy.lang.en.stop_words import STOP_WORDS

from knowledge.entries import Entry, KnowledgeBase, knowledge_base
from knowledge.text import lemmas

SYNONYMS_FILE = Path(__file__).with_name("synonyms.yml")
CONFIDENT = 0.42          # below this top score the assistant says it is not sure
WORD_WEIGHT = 0.6         # share of the lemma view in the blended score
AUDIENCE_BOOST = 1.06     # an entry written for the person asking ranks a little higher
KEEP = {"not", "no", "under", "over", "after", "before", "who", "when", "how", "why", "what"}
STOP = frozenset(STOP_WORDS) - KEEP


@dataclass(frozen=True)
class Match:
    entry: Entry
    score: float


def _load_synonyms(path: Path = SYNONYMS_FILE) -> list[tuple[tuple[str, ...], str]]:
    table = yaml.safe_load(path.read_text(encoding="utf-8"))["synonyms"]
    pairs = [(tuple(lemmas(str(phrase))), str(expansion)) for phrase, expansion in table.items()]
    return sorted(pairs, key=lambda pair: -len(pair[0]))


class KnowledgeSearch:
    """Ranks entries for a question."""

    def __init__(self, base: KnowledgeBase) -> None:
        self.entries = list(base.entries.values())
        self._synonyms = _load_synonyms()
        texts, owners = [], []
        for index, entry in enumerate(self.entries):
            for text in (entry.title, *entry.keywords, *entry.examples):
                texts.append(text)
                owners.append(index)
        self._owners = np.array(owners)
        self._words = TfidfVectorizer(analyzer=self._terms, sublinear_tf=True)
        self._chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)
        self._word_matrix = self._words.fit_transform(texts)
        self._char_matrix = self._chars.fit_transform([t.lower() for t in texts])

    def _terms(self, text: str) -> list[str]:
        """Content lemmas, synonym expansions, and adjacent-lemma bigrams."""
        words = lemmas(text)
        expanded: list[str] = []
        for phrase, expansion in self._synonyms:
            size = len(phrase)
            if any(tuple(words[i:i + size]) == phrase for i in range(len(words) - size + 1)):
                expanded.extend(lemmas(expansion))
        content = [w for w in words if w not in STOP and any(c.isalnum() for c in w)]
        bigrams = [f"{a}_{b}" for a, b in zip(content, content[1:])]
        return content + expanded + bigrams

    def search(self, question: str, audience: set[str] | None = None, limit: int = 3) -> list[Match]:
        """The best `limit` entries, highest score first (scores between 0 and about 1)."""
        if not question.strip():
            return []
        words = (self._word_matrix @ self._words.transform([question]).T).toarray().ravel()
        chars = (self._char_matrix @ self._chars.transform([question.lower()]).T).toarray().ravel()
        blended = WORD_WEIGHT * words + (1 - WORD_WEIGHT) * chars
        best = np.full(len(self.entries), 0.0)
        np.maximum.at(best, self._owners, blended)
        if audience:
            boost = [AUDIENCE_BOOST if audience & set(e.audience) else 1.0 for e in self.entries]
            best = best * np.array(boost)
        order = np.argsort(-best, kind="stable")[:limit]
        return [Match(self.entries[i], float(best[i])) for i in order]

    def is_confident(self, matches: list[Match]) -> bool:
        return bool(matches) and matches[0].score >= CONFIDENT


@lru_cache(maxsize=1)
def knowledge_search() -> KnowledgeSearch:
    """The search index over the checked knowledge base, built once per process."""
    return KnowledgeSearch(knowledge_base())
