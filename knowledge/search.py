"""Find the entry that answers a question typed in everyday words.

A question is compared with every entry in three ways, each on lemmas with everyday words,
slang and abbreviations expanded through synonyms.yml (the expansion is added, never put in
place of the words typed):

1. its closest short text: the entry's title, keywords and example questions, on a blend
   of word TF-IDF and character n-grams (which forgive typos);
2. the mean of its two closest short texts, so an entry with several matching examples
   beats one with a single lucky match;
3. BM25 over the whole entry (title, keywords, examples, short and longer answer), so a
   question that uses the answer's own words still finds it.

The blend is nudged up for entries written for the person asking (parent, or a
practitioner's sector). Built once when the action server starts; adding or correcting an
entry needs no retraining.

Bars on the top score: at or above CONFIDENT (and MARGIN ahead of the runner-up) the answer is
given with related topics; down to PLAUSIBLE it is still given, followed by the next two as
"not what you needed?"; down to RELEVANT only the closest topics are offered; below RELEVANT
the assistant says what it covers. `focus` picks the sentences of an entry's longer answer that
hold what was asked. Chosen on the development sets (`python -m bench.search`, `make bench-blind`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import numpy as np
import yaml
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from spacy.lang.en.stop_words import STOP_WORDS

from knowledge.asker import AGE_TO_COME_AFTER
from knowledge.entries import Entry, KnowledgeBase, knowledge_base
from knowledge.language import language_rules
from knowledge.text import lemmas, nlp

SYNONYMS_FILE = Path(__file__).with_name("synonyms.yml")

CONFIDENT = 0.45          # the top score must reach this to be given as the answer ...
MARGIN = 0.04             # ... and lead the runner-up by this much
PLAUSIBLE = 0.22          # from here the best match is given as the answer (with alternatives when not confident)
ON_TOPIC = 0.55           # a match this strong is on topic whatever the classifier thought ("is it my fault hes like this")
RELEVANT = 0.2            # below this top score the assistant says it does not know
MIN_COVERAGE = 0.1        # ... and below this share of the question's weight in the entry's own words

WORD_WEIGHT = 0.5         # share of the lemma view in a short text's similarity
BEST_WEIGHT = 0.25        # weight of the closest short text
TOP2_WEIGHT = 0.4         # weight of the mean of the two closest short texts
ENTRY_WEIGHT = 0.35       # weight of BM25 over the whole entry
AUDIENCE_BOOST = 1.06     # an entry written for the person asking ranks a little higher
YOUNG_PERSON_BOOST = 1.12 # ... and one with words for a young person, when a young person asks
TITLE_NAMED_BOOST = 1.12  # an entry whose title the question names ("a referral order") ranks higher
TITLE_TERM_WORDS = (2, 3) # ... for titles this many words long, which name a thing
TITLE_ASIDE = re.compile(r"\s*\([^)]*\)|^slang:\s*", re.IGNORECASE)  # "(PRUs)", "Slang: "
ADULT_DAMP = 0.75         # an entry that speaks only to young people ranks lower when an adult asks
BM25_K1, BM25_B = 1.2, 0.75
CONTEXT_WEIGHT = 0.5       # a follow-up also counts how well entries match the last answer
RELATED_BOOST = 1.1       # ... and prefers the last answer's related entries
IN_FLOW_BOOST = 1.12      # inside a guided flow, that flow's own entries rank higher

# A short question that leans on the one before: "what about for girls?", "and if they're 18?"
FOLLOW_UP = re.compile(
    r"^\s*(and|but|also|so|or|then|what about|how about|what if|and if|if|same|same for|"
    r"does that|does this|does it|is that|is it|is this|do they|would that|will that|"
    r"even if|even when|what when|how about if)\b", re.IGNORECASE)
# Words that only acknowledge the last reply ("ok so what happens next", "thanks. and the parents?")
ACKNOWLEDGED = re.compile(r"^\s*(?:(?:ok|okay|oki|k|kk|right|alright|thanks|thank you|thx|ta|cheers|cool|"
                          r"yeah|yes|yep|ah|oh|hmm|um|great|fine|got it|i see)\b[\s,.!-]*)+", re.IGNORECASE)
FOLLOW_UP_MAX_WORDS = 8
FOLLOW_UP_BARE_WORDS = 4
CONTEXT_MAX_WORDS = 20       # up to this long, what came before can still lift an entry
SELF_CONTAINED = re.compile(r"^\s*(what is|what's|whats|what are|what does|wat is|wats|define|meaning of)\b(?!\s+(it|that|this|they|he|she)\b)",
                            re.IGNORECASE)
POINTING_BACK = frozenset("""it its it's that this these those they them their he him his she her
    hes shes he's she's there then next else""".split())
BIGRAMS = "none"
# Who is asking, said first ("grandad here.", "DSL here -"): read for the audience (knowledge/asker.py),
# not matched against the entries, where it would find the example that opened the same way.
INTRO = re.compile(r"^\s*(?:[\w'&/+]+ +){1,3}?(?:here|speaking)\s*[.,:;!-]+\s*(?=\S)", re.IGNORECASE)
# An apology for asking, said first ("sorry been asking for a colleague, im actually a youth worker ...",
# "sorry to bother you."): its words are not the question, and in a long one they drown it.
APOLOGY = re.compile(r"^\s*(?:sorry|soz|apologies)\s+(?:to\s+(?:bother|ask|trouble|message|interrupt)|for\s+(?:asking|bothering|"
                     r"the\s+\w+|all\s+the\s+\w+|being)|if\s+(?:this|i)|(?:i\s+)?(?:was|been|have\s+been|ve\s+been)\s+asking)\b"
                     r"[^.,;:!?]{0,60}[.,;:!]+\s*(?=\S)", re.IGNORECASE)
# A word heard from someone else, asked about ("my mate said something about housing first, whats that"):
# who said it is not the question.
HEARD_ABOUT = re.compile(r"^\s*(?:my|a|our|his|her|the)?\s*\w+\s+(?:said|says|mentioned|mentions|told\s+me|was\s+on\s+about|"
                         r"keeps\s+saying)\s+(?:something|summat|sumthin|smth|sth)\s+(?:about|abt|bout)\s+", re.IGNORECASE)
# A slang entry (the toolkit's table of terms) answers what a word means; for anything else asked
# with that word in it ("is it illegal to carry a knife", "what power gets a 14yo out of a trap
# house") it ranks lower, so an entry on the situation can come first.
GLOSSARY_SECTION = "common_terms"
GLOSSARY_DAMP = 0.8
# A victim-blaming term named in quotes ("staff wrote 'keeps putting himself at risk'. fine?") asks
# about the words: the language entry for them (knowledge/language.yml) leads, a little above the rest.
NAMED_PHRASE = re.compile(r"(?:(?<=\s)|^)['\"‘“]([^'\"‘’“”]{3,60})['\"’”](?![a-z])", re.IGNORECASE)
NAMED_BLAME_LEAD = 1.05
# A word put in quotes ("they call it 'food'", "he said he goes 'OT'") is a word asked about: the
# slang entry for it ranks higher, whatever else the message says.
QUOTED = re.compile(r"""['"‘“]([a-z][a-z ]{0,20}[a-z])['"’”]""", re.IGNORECASE)
QUOTED_TERM_BOOST = 1.2
# A young person said to be back ("hes back now", "just back at the home after 4 days", "she came
# home this morning") is no longer missing: the entries for one missing now step aside for those on
# what follows (the return home interview, what to ask); said not to be back ("he hasnt come back
# home"), it is the other way round.
BACK_NOW = re.compile(r"\b(?:he|she|they|son|daughter|lad|girl|boy|yp|\d+yo)\s*(?:'?s|is|are|'?re|was|has)?\s*(?:just\s+)?"
                      r"(?:back|home|returned)\b(?!\s+(?:all day|from school|from college))|"
                      r"\b(?:came|come|got|turned up|brought|dropped)\s+(?:back|home)\b(?!\s+with\s+(?:a|the)\s+\w+\s+(?:number|phone))|"
                      r"\bback\s+(?:now|safe|after|at)\b|\bnow\s+back\b|\breturned\b|\bfound\b(?!\s+out)(?=.*\bmissing\b)|"
                      r"\b(?:been|was|were|got|now|just)\s+found\b(?!\s+(?:out|with|in possession))|"
                      r"\bfound\s+(?:now|safe|safely|today|tonight|this morning|last night|yesterday)\b", re.IGNORECASE)
NOT_BACK = re.compile(r"\b(?:\w*n'?t|not|never|yet)\s+(?:\w+\s+){0,2}(?:back|home)(?:\s+(?:back|home))?\b", re.IGNORECASE)
MISSING_STATE_DAMP = 0.8
# An age told in passing ("shes 16, will she be there?") says who, not what is asked: its number
# would pull in whatever entry names that age (housing at 16 and 17)
AGE_TOLD = re.compile(r"\b((?:he|she|they|son|daughter|lad|girl|boy|yp)\s*(?:'s|s|is|are|'re|re)\s*"
                      r"(?:only |just |nearly |almost |now |actually )?)(1[0-9]|[5-9])\b"
                      r"(?!\s*(?:hours?|hrs?|days?|weeks?|wks?|months?|mins?|minutes?|miles?|times?|%|am|pm|k|grand|quid)\b)",
                      re.IGNORECASE)
MEANING_QUESTION = re.compile(r"\b(mean|means|meaning|meant|slang|word|words|term|terms|define|definition)\b|"
                              r"\b(?:call|calls|called|calling)\s+(?:it|them|that|this|knives|drugs|money|him|her)\b|"
                              r"^\W*(what|wat|wot|whats|wats|what's)\W+(is|are|s|'s)?\W*(a|an|the)?\W*\w+\W*\??\W*$|"
                              r"\b(what|wat|wot|whats|wats|what's)\W+(is|are|s|'s)?\W*(that|this|it|a|an)\b",
                              re.IGNORECASE)

# Question words carry meaning here ("who can refer" is not "how long does it take").
KEEP = {"not", "no", "under", "over", "after", "before", "who", "when", "how", "why", "what",
        "alone", "out", "off", "back", "home"}
# What to do, asked with no topic ("ok so what do i do now", "who do i ring"): its words alone
# match entries at random, so what came before decides
BARE_ROUTE_QUESTION = re.compile(
    r"^\W*(?:(?:ok|okay|so|right|and|but|well|then)\W+)*(?:what\s+(?:do|should|can|shall)\s+(?:i|we)\s+do(?:\s+(?:now|next|then))?"
    r"|what\s+now|now\s+what|what\s+next|what\s+are\s+my\s+options"
    r"|who\s+(?:else\s+)?(?:do|should|can|must)\s+(?:i|we)\s+(?:be\s+)?(?:tell|call|ring|phone|contact|speak\s+to|talk\s+to"
    r"|telling|calling|contacting|informing|inform|involve|involving|loop\s+in|looping\s+in|bring\s+in|bringing\s+in))"
    r"\W*(?:then|now)?\W*$", re.IGNORECASE)
# how long, of what was just said: "how long have they got to do that", "when does it happen by"
TIME_OF_THAT = re.compile(
    r"^\W*(?:(?:ok|okay|so|right|and|but|well)\W+)*(?:how\s+long|how\s+soon|how\s+quickly|when|by\s+when)"
    r"(?:\W+(?:do|does|did|have|has|will|would|should|is|are|can|they|he|she|we|you|i|got|to|it|that|this|take|takes|"
    r"happen|happens|be|done|do|last|lasts|until|till|get|gotta|need|needs|by))*\W*$", re.IGNORECASE)
DURATION = re.compile(r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve)\s+(?:working\s+)?"
                      r"(?:hours?|days?|weeks?|months?|years?)\b", re.IGNORECASE)
# a correction of age, and the words around it (knowledge.search.is_age_correction)
AGE_STATEMENT = re.compile(
    r"^\s*(?:(?:oh|ah|wait|sorry|actually|and|typo|oops|lol|no)\s+)*(?:he|she|they|i|my\s+\w+)\s*(?:'?s|is|am|'?m|are|'?re)?\s*"
    r"(?:actually\s+|only\s+|just\s+|already\s+|now\s+)*(?:turned|turns|gone|has\s+turned|was|meant|mean)?\s*\d{1,2}\b"
    r"(?:\s*(?:yo|yrs?|years?|old|now|actually|already|not\s+\d{1,2}|last\s+\w+|this\s+\w+|in\s+\w+|lol|haha|x+))*\s*$",
    re.IGNORECASE)
AGE_PREAMBLE = re.compile(
    r"^\s*(?:(?:sorry|hang\s+on|hold\s+on|wait|oops|my\s+mistake|my\s+bad|correction|ok|okay|actually|just|i|got\s+it\s+wrong"
    r"|checked(?:\s+(?:her|his|their|the|my)\s+\w+)?|(?:does|would|will|is)\s+(?:that|this|it)\s+(?:change|matter|make)(?:\s+\w+){0,3})\s*)+$",
    re.IGNORECASE)
# "ok" marks a question ("is it ok to put ...") or a feeling ("im ok now"), never a topic
STOP = frozenset(STOP_WORDS) - KEEP | {"ok", "okay", "honestly"}
_APOSTROPHE = re.compile(r"[’‘`´]")


@dataclass(frozen=True)
class Match:
    entry: Entry
    score: float
    coverage: float = 1.0  # how much of the question's weight the entry's own words hold (BM25 share)


FOCUS_MIN = 0.1            # share of the question's weight a sentence must hold to join the answer
FOCUS_LIMIT = 3            # at most this many sentences join the short answer
CLOSE = 0.2               # a runner-up this close to the best also lends its sentences
AGE_WORDS = frozenset({"yr", "yrs", "year", "years", "old", "yo"})
SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'‘“(])")
# A second question in the same message: "...? and what about...", "how long is it and who decides"
# (text-speak too: "wots a shank and wot does going OT mean")
ASKING_WORDS = r"(?:what|whats|what's|wot|wots|wat|wats|how|who|whos|when|where|why|can|could|do|does|is|are|should|will|would)"
PARTS = re.compile(rf"\?+\s*|\s+(?:and|also|plus)\s+(?={ASKING_WORDS}\b)", re.IGNORECASE)
# ... or after a full stop or comma: "how has this happened to us. is it my fault" (what is told before the
# first question stays with it: "got a DTO for 8 months. do i do the whole thing inside")
SENTENCE_QUESTION = re.compile(rf"[.,]\s+(?=(?:{ASKING_WORDS}|wdym|wym)\b)", re.IGNORECASE)
QUESTION_START = re.compile(rf"^\W*{ASKING_WORDS}\b", re.IGNORECASE)
NUMBER_QUESTION = re.compile(r"\b(how (long|many|much|soon|old|often)|when|timescale|time ?frame|deadline|within|age|minimum|maximum|number of)\b", re.IGNORECASE)
HAS_NUMBER = re.compile(r"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|twenty|hours?|days?|weeks?|months?)\b", re.IGNORECASE)


def sentences(text: str) -> list[str]:
    return [s.strip() for s in SENTENCE.split(text or "") if s.strip()]


def question_parts(question: str, min_words: int = 3) -> list[str]:
    """The separate questions in one message (one, usually)."""
    parts = [p.strip(" ,.;") for chunk in PARTS.split(question or "") if chunk
             for p in _sentence_questions(chunk) if p.strip(" ,.;")]
    parts = [p for p in parts if len(p.split()) >= min_words]
    return parts if len(parts) > 1 else [question]


def _sentence_questions(chunk: str) -> list[str]:
    starts = [m.end() for m in SENTENCE_QUESTION.finditer(chunk)]
    if starts and not QUESTION_START.match(chunk):
        starts = starts[1:]
    bounds = [0, *starts, len(chunk)]
    return [chunk[a:b] for a, b in zip(bounds, bounds[1:])]


def _load_synonyms(path: Path = SYNONYMS_FILE) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    table = yaml.safe_load(path.read_text(encoding="utf-8"))["synonyms"]
    pairs = [(tuple(lemmas(str(phrase))), tuple(lemmas(str(expansion))))
             for phrase, expansion in table.items()]
    return sorted(pairs, key=lambda pair: -len(pair[0]))


def _age_told(match: re.Match) -> str:
    """An age told in passing is dropped; an age still to come ("hes 18 in 3 months") is the
    question of turning it."""
    if AGE_TO_COME_AFTER.match(match.string[match.end():]):
        return f"{match.group(1)}turning {match.group(2)}"
    return match.group(1)


def language_entries_for_named_phrases(question: str) -> list[str]:
    """The language entries for victim-blaming words the user puts in quotes to ask about them."""
    return [hit.entry for phrase in NAMED_PHRASE.findall(question) for hit in language_rules().find(phrase)]


def missing_state(question: str) -> str:
    """"back" when the message says the young person is back, "now" when it says they are not, else ""."""
    if BACK_NOW.search(NOT_BACK.sub(" ", question)):
        return "back"
    return "now" if NOT_BACK.search(question) else ""


def normalise(text: str) -> str:
    """Lower case, one kind of apostrophe."""
    return _APOSTROPHE.sub("'", text).lower()


def _contains(words: list[str], phrase: tuple[str, ...]) -> bool:
    size = len(phrase)
    return phrase[0] in words and any(
        tuple(words[i:i + size]) == phrase for i in range(len(words) - size + 1))


class KnowledgeSearch:
    """Ranks entries for a question."""

    def __init__(self, base: KnowledgeBase, synonyms_file: Path = SYNONYMS_FILE) -> None:
        self.entries = list(base.entries.values())
        self._index = {entry.id: i for i, entry in enumerate(self.entries)}
        self._synonyms = _load_synonyms(synonyms_file)
        # one-word synonyms (the abbreviations above all), also read in the plural ("RHIs", "NRMs", "DSLs")
        self._one_word = {phrase[0] for phrase, _ in self._synonyms if len(phrase) == 1}
        self._terms = lru_cache(maxsize=512)(self._question_terms)
        texts, owners = [], []
        for index, entry in enumerate(self.entries):
            for text in (entry.title, *entry.keywords, *entry.examples):
                texts.append(normalise(text))
                owners.append(index)
        self._owners = np.array(owners)
        self._owner_matrix = sparse.csr_matrix(
            (np.ones(len(owners)), (owners, np.arange(len(owners)))),
            shape=(len(self.entries), len(owners)))
        self._words = TfidfVectorizer(analyzer=self._terms, sublinear_tf=True)
        self._chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)
        self._word_matrix = self._words.fit_transform(texts)
        self._char_matrix = self._chars.fit_transform(texts)
        self._fit_bm25([self._document(entry) for entry in self.entries])
        self._missing_damp = {state: np.array([MISSING_STATE_DAMP if e.for_missing == state else 1.0
                                               for e in self.entries]) for state in ("now", "back")}
        self._glossary_damp = np.array([GLOSSARY_DAMP if e.section.id == GLOSSARY_SECTION else 1.0
                                        for e in self.entries])
        # an entry named by its title in the question: "a referral order", "offered a youth caution"
        self._titles = [(re.compile(rf"\b{re.escape(title)}\b"), index) for index, e in enumerate(self.entries)
                        for title in [normalise(TITLE_ASIDE.sub("", e.title)).strip()]
                        if TITLE_TERM_WORDS[0] <= len(title.split()) <= TITLE_TERM_WORDS[1] and ":" not in title]
        self._slang = {term.strip().lower(): index for index, e in enumerate(self.entries)
                       if e.section.id == GLOSSARY_SECTION and ":" in e.title
                       for term in e.title.split(":", 1)[1].split(" or ")}

    # --- text to terms ---------------------------------------------------------------
    def _question_terms(self, text: str) -> tuple[str, ...]:
        """Content lemmas, synonym expansions, and bigrams of content words typed side by side."""
        tokens = [t for t in nlp()(normalise(text)) if not (t.is_punct or t.is_space)]
        words = [(t.lemma_ or t.text).lower() for t in tokens]
        words = [w[:-1] if w.endswith("s") and w not in self._one_word and w[:-1] in self._one_word else w
                 for w in words]
        expanded: list[str] = []
        for phrase, expansion in self._synonyms:
            if _contains(words, phrase):
                expanded.extend(expansion)
            elif len(expansion) > 1 and _contains(words, expansion):
                expanded.extend(phrase)  # "child criminal exploitation" also means "cce"
        # a word is a stop word if either its typed form or its lemma is ("does" -> "doe")
        keep = [w if t.lower_ not in STOP and w not in STOP and any(c.isalnum() for c in w) else None
                for t, w in zip(tokens, words)]
        content = [w for w in keep if w]
        extra = [w for w in expanded if w not in STOP and any(c.isalnum() for c in w)]
        bigrams = [f"{a}_{b}" for a, b in zip(keep, keep[1:]) if a and b] if BIGRAMS == "adjacent" else \
            [f"{a}_{b}" for a, b in zip(content, content[1:])] if BIGRAMS == "content" else []
        return tuple(content + extra + bigrams)

    @staticmethod
    def _document(entry: Entry) -> str:
        return " \n ".join((entry.title, *entry.keywords, *entry.examples, entry.short, entry.more))

    def _fit_bm25(self, documents: list[str]) -> None:
        counts = CountVectorizer(analyzer=self._terms)
        tf = counts.fit_transform(documents).tocsr().astype(float)
        self._bm25_vocabulary = counts
        n_docs = tf.shape[0]
        df = np.bincount(tf.indices, minlength=tf.shape[1])
        idf = np.log(1 + (n_docs - df + 0.5) / (df + 0.5))
        lengths = np.asarray(tf.sum(axis=1)).ravel()
        norm = BM25_K1 * (1 - BM25_B + BM25_B * lengths / lengths.mean())
        rows = np.repeat(np.arange(n_docs), np.diff(tf.indptr))
        tf.data = tf.data * (BM25_K1 + 1) / (tf.data + norm[rows])
        self._bm25 = (tf @ sparse.diags(idf)).tocsc()
        self._idf = idf

    # --- scoring ---------------------------------------------------------------------
    @cached_property
    def _guide_terms(self) -> frozenset[str]:
        """The terms of the guide's own text (not the example questions: some are in Welsh), read
        the first time a Welsh message needs them, not at start-up."""
        return frozenset(term for entry in self.entries
                         for text in (entry.title, *entry.keywords, entry.short, entry.more)
                         for term in self._terms(normalise(text)))

    def knows(self, word: str) -> bool:
        """Is `word` one the guide's own text uses ("county", "cuckooing"), not a stop word?"""
        return any(term in self._guide_terms for term in self._terms(word))

    def topic_weight(self, text: str) -> float:
        """How much `text` names a topic of its own: the summed rarity (BM25 idf) of its words the
        entries use. "whats our role" names little (about 2.5); "what's the NRM?" a lot (about 9)."""
        return float(self._idf[self._known_terms(set(self._terms(normalise(text))))].sum())

    def _known_terms(self, terms: set[str]) -> np.ndarray:
        """The BM25 columns of those of `terms` the entries use."""
        vocabulary = self._bm25_vocabulary.vocabulary_
        return np.array(sorted(vocabulary[t] for t in terms if t in vocabulary), dtype=int)

    def _text_scores(self, question: str) -> np.ndarray:
        words = (self._word_matrix @ self._words.transform([question]).T).toarray().ravel()
        chars = (self._char_matrix @ self._chars.transform([question]).T).toarray().ravel()
        return WORD_WEIGHT * words + (1 - WORD_WEIGHT) * chars

    def _entry_scores(self, question: str) -> np.ndarray:
        """BM25 over whole entries, as a share of the best a document could score for these
        terms; a word no entry uses counts as the rarest word, so "who won the football"
        is not scored on "who" alone."""
        vocabulary = self._bm25_vocabulary.vocabulary_
        terms = set(self._terms(question))
        present = self._known_terms(terms)
        # a word no entry uses counts against the match; a number, an address or a code does not
        unknown = sum(1 for t in terms if t not in vocabulary and t.isalpha() and len(t) > 2)
        if not len(present):
            return np.zeros(len(self.entries))
        raw = np.asarray(self._bm25[:, present].sum(axis=1)).ravel()
        best_possible = (BM25_K1 + 1) * (self._idf[present].sum() + unknown * self._idf.max())
        return raw / best_possible

    def scores(self, question: str, audience: set[str] | None = None) -> np.ndarray:
        """One score per entry, in the order of `self.entries` (between 0 and about 1)."""
        question = normalise(question)
        per_text = self._text_scores(question)
        best = np.zeros(len(self.entries))
        np.maximum.at(best, self._owners, per_text)
        second = self._second_best(per_text, best)
        blended = (BEST_WEIGHT * best + TOP2_WEIGHT * (best + second) / 2
                   + ENTRY_WEIGHT * self._entry_scores(question))
        if audience:
            boost = [(YOUNG_PERSON_BOOST if "young_person" in audience and e.for_young_person else
                      AUDIENCE_BOOST if audience & set(e.audience) else
                      ADULT_DAMP if set(e.audience) == {"young_person"} else 1.0) for e in self.entries]
            blended = blended * np.array(boost)
        damped = len(question.split()) > 3 and not MEANING_QUESTION.search(question)
        glossary = self._glossary_damp.copy() if damped else np.ones(len(self.entries))
        for quoted in QUOTED.findall(question):
            term = next((t for t in (quoted, f"{quoted}s", quoted.removesuffix("s")) if t in self._slang), None)
            if term is not None:
                glossary[self._slang[term]] = QUOTED_TERM_BOOST  # raised, never damped
        blended = blended * glossary
        blended = self._named_words_lead(blended, question)
        named = [index for pattern, index in self._titles if pattern.search(question)]
        if named:
            blended = blended.copy()
            blended[named] *= TITLE_NAMED_BOOST
        state = missing_state(question)
        if state:
            blended = blended * self._missing_damp["now" if state == "back" else "back"]
        return blended

    def _named_words_lead(self, blended: np.ndarray, question: str) -> np.ndarray:
        """The language entry for victim-blaming words put in quotes ranks first."""
        for entry_id in language_entries_for_named_phrases(question):
            if entry_id in self._index:
                blended = blended.copy()
                index = self._index[entry_id]
                blended[index] = max(blended[index], blended.max() * NAMED_BLAME_LEAD)
        return blended

    def entry(self, entry_id: str) -> Entry | None:
        """This search's own copy of an entry (bench.loso searches copies without the set's examples)."""
        index = self._index.get(entry_id)
        return None if index is None else self.entries[index]

    def _second_best(self, per_text: np.ndarray, best: np.ndarray) -> np.ndarray:
        """Each entry's second-closest short text."""
        masked = np.where(per_text >= best[self._owners] - 1e-12, -1.0, per_text)
        # one text per entry reaches the best; any further ties count as second best
        ties = (per_text >= best[self._owners] - 1e-12).astype(float)
        tie_count = np.asarray(self._owner_matrix @ ties).ravel()
        second = np.zeros(len(self.entries))
        np.maximum.at(second, self._owners, masked)
        return np.where(tie_count > 1, best, np.maximum(second, 0.0))

    def search(self, question: str, audience: set[str] | None = None, limit: int = 3,
               previous: Entry | None = None, prefer: frozenset[str] = frozenset(),
               earlier: str = "") -> list[Match]:
        """The best `limit` entries, highest score first.

        `previous` is the entry last answered in this conversation and `earlier` what was typed
        before this message (the opening message and the one just before): when the question is
        a short follow-up ("and mum?", "who do I invite", "can he get moved somewhere else"),
        entries that also match the earlier topic rank higher. `prefer` names entries the conversation is in the middle of (a guided flow's
        steps), which rank a little higher."""
        if not question.strip():
            return []
        question = HEARD_ABOUT.sub("", APOLOGY.sub("", INTRO.sub("", question)))
        if not NUMBER_QUESTION.search(question):
            question = AGE_TOLD.sub(_age_told, question)
        scores = self.scores(question, audience)
        topic = " ".join((previous.title, *previous.keywords)) if previous is not None else ""
        coverage = self._entry_scores(normalise(question))
        has_context = bool(topic or earlier.strip())
        follow_up = has_context and is_follow_up(question)
        if follow_up:
            coverage = np.maximum(coverage, self._entry_scores(normalise(f"{question} {earlier}")))
        if has_context and (follow_up or len(question.split()) <= CONTEXT_MAX_WORDS):
            context = self.scores(f"{topic} {earlier}", audience)
            blended = (scores + CONTEXT_WEIGHT * context) / (1 + CONTEXT_WEIGHT) * (1 + CONTEXT_WEIGHT / 2)
            # a short message that opens as a follow-up ("what about ...") is read in the light of what
            # came before; any other may be a question of its own ("who can be exploited", "she begged
            # me not to tell anyone"): there, what came before can lift an entry whose own words hold
            # some of the message, but never sink one
            # ... and so is one with no topic of its own ("what do i do", "who do i tell"), whose
            # question words alone match entries at random
            if (follow_up and names_no_topic(question)) or is_age_correction(question):
                scores = context
            elif follow_up and FOLLOW_UP.match(ACKNOWLEDGED.sub("", question)):
                scores = blended
            else:
                scores = np.maximum(scores, np.where(follow_up | (coverage >= MIN_COVERAGE), blended, scores))
            if previous is not None:
                related = [self._index[rid] for rid in previous.related if rid in self._index]
                scores[related] *= RELATED_BOOST
                # "how long have they got to do that": the last answer's own time limit, when it has one
                # (a return home interview within 72 hours); else the words asked find it (NRM decisions)
                if follow_up and TIME_OF_THAT.match(question) and DURATION.search(f"{previous.short} {previous.more}"):
                    scores[self._index[previous.id]] = scores.max() + 1e-6
        preferred = [self._index[eid] for eid in prefer if eid in self._index]
        scores[preferred] *= IN_FLOW_BOOST
        order = np.argsort(-scores, kind="stable")[:limit]
        return [Match(self.entries[i], float(scores[i]), float(coverage[i])) for i in order]

    def focus(self, question: str, matches: list[Match], shown: str, limit: int = FOCUS_LIMIT) -> list[tuple[Entry, str]]:
        """Sentences that answer this question, best first, to follow the best entry's short
        answer: from the best entry's longer answer, and from the runner-up's answers when it
        scored within CLOSE of the best (so an answer split across two entries still arrives).
        A sentence scores the share of the question's weight it holds (rare words count more),
        with a nudge for a number when the question asks how long, when or how many; the
        runner-up's sentences count a little less. Nothing already in `shown` is repeated, and when
        `shown` already holds every word of the question ("what is cuckooing"), nothing is added."""
        vocabulary = self._bm25_vocabulary.vocabulary_
        numeric = bool(NUMBER_QUESTION.search(question))
        # an age or a number that only describes ("my 12 yr old ...") is not what is asked
        asked = {t: self._idf[vocabulary[t]] for t in set(self._terms(normalise(question)))
                 if t in vocabulary and (numeric or not (t.isdigit() or t in AGE_WORDS))}
        total = sum(asked.values())
        if not total or not matches:
            return []
        candidates = [(0, matches[0].entry, sentence) for sentence in sentences(matches[0].entry.more)]
        if len(matches) > 1 and matches[0].score - matches[1].score < CLOSE:
            runner_up = matches[1].entry
            candidates += [(1, runner_up, sentence) for sentence in sentences(runner_up.short) + sentences(runner_up.more)]
        scored = []
        if not numeric and set(asked) <= set(self._terms(normalise(shown))):
            return []  # the reply already holds every word of the question
        for rank, entry, sentence in candidates:
            words = set(self._terms(normalise(sentence)))
            if sentence in shown:
                continue
            held = sum(w for t, w in asked.items() if t in words)
            score = held / total + (0.15 if numeric and HAS_NUMBER.search(sentence) else 0.0) - 0.05 * rank
            if score >= FOCUS_MIN:
                scored.append((score, rank, entry, sentence))
        scored.sort(key=lambda row: (-row[0], row[1]))
        return [(entry, sentence) for _, _, entry, sentence in scored[:limit]]

    def is_confident(self, matches: list[Match]) -> bool:
        """The top match is good enough, and clear enough of the next, to give as the answer."""
        return self.is_clear(matches, CONFIDENT)

    @staticmethod
    def is_clear(matches: list[Match], bar: float) -> bool:
        """The top match reaches `bar` and leads the next by the margin."""
        if not matches or matches[0].score < bar:
            return False
        return len(matches) < 2 or matches[0].score - matches[1].score >= MARGIN

    def is_plausible(self, matches: list[Match]) -> bool:
        """The top match is close enough to give as the best answer, with alternatives."""
        return bool(matches) and matches[0].score >= PLAUSIBLE

    def is_relevant(self, matches: list[Match]) -> bool:
        """The top match is close enough to offer as a possible topic at all: it scores enough,
        and its own words hold some of what was asked ("who won the football" shares only "who")."""
        return bool(matches) and matches[0].score >= RELEVANT and matches[0].coverage >= MIN_COVERAGE


def names_no_topic(question: str) -> bool:
    """Only "what do i do", "who do i tell", "what now": no topic of its own."""
    return bool(BARE_ROUTE_QUESTION.match(question))


def is_age_correction(question: str) -> bool:
    """Only a correction of someone's age ("hang on, he turned 18 last month", "sorry, shes 16 not
    15. does that change anything"): the answer is the last topic again, for the age now told."""
    parts = [p for p in re.split(r"[.,;:!?]+", question) if p.strip() and not AGE_PREAMBLE.match(p)]
    return bool(parts) and all(AGE_STATEMENT.match(p) for p in parts)


def is_follow_up(question: str) -> bool:
    """A short message that leans on what came before: it opens like a follow-up ("and if
    they're 18?"), points back ("can he be moved", "what happens after it's sent"), or is a
    few words only ("who do I invite")."""
    question = ACKNOWLEDGED.sub("", question)
    words = question.split()
    if len(words) > FOLLOW_UP_MAX_WORDS:
        return False
    if FOLLOW_UP.match(question):
        return True
    if SELF_CONTAINED.match(question):
        return False  # "what is cuckooing" names its own topic
    return len(words) <= FOLLOW_UP_BARE_WORDS or any(w.lower().strip("?.!,") in POINTING_BACK for w in words)


@lru_cache(maxsize=1)
def knowledge_search() -> KnowledgeSearch:
    """The search index over the checked knowledge base, built once per process."""
    return KnowledgeSearch(knowledge_base())
