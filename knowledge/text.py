"""One shared spaCy pipeline: blank English with the lookup lemmatizer (no downloaded model)."""
from functools import lru_cache

import spacy
from spacy.language import Language


@lru_cache(maxsize=1)
def nlp() -> Language:
    """Tokenizer plus lookup lemmas from spacy-lookups-data, built once per process."""
    pipeline = spacy.blank("en")
    pipeline.add_pipe("lemmatizer", config={"mode": "lookup"})
    pipeline.initialize()
    return pipeline


def lemmas(text: str) -> list[str]:
    """Lower-case lemmas of the words in `text`, punctuation and spaces left out."""
    return [
        (token.lemma_ or token.text).lower()
        for token in nlp()(text)
        if not (token.is_punct or token.is_space)
    ]
