"""jieba segmentation for the spaCy pipeline, run by jieba-rs.

spaCy's own ``zh`` tokenizer calls the pure-Python ``jieba`` package, which alone costs
more than all of ZoneGraph's components together. ``rjieba`` binds jieba-rs, a port of
jieba with the same dictionary and the same algorithm (prefix DAG, HMM for unknown
words): on the sample corpus and the benchmark corpus it cuts every article into exactly
the words ``jieba.lcut`` gives, about twenty times faster.

The tokenizer is registered like spaCy's own (``@tokenizers =
"zonegraph.JiebaTokenizer.v1"``). Besides the Doc it leaves, in ``doc.user_data``, the
text (``zg_text``) and the (start, end, word) of every non-space token (``zg_tokens``),
which the components read instead of creating a Token object per word.
"""
from __future__ import annotations

from itertools import accumulate

import rjieba
from spacy.tokens import Doc
from spacy.util import DummyTokenizer, registry


class DictionaryTags:
    """jieba's dictionary: word → part-of-speech tag (``None`` for words not in it).

    A word is looked up once and remembered. (jieba-rs tags a dictionary word with its
    dictionary tag; a rare word it would cut in two when alone, 较少 = 较|少, reads as
    not in the dictionary.)
    """

    def __init__(self) -> None:
        self._tags: dict[str, str | None] = {}

    def get(self, word: str, default: str | None = None) -> str | None:
        tag = self._tags.get(word, "")
        if tag == "":
            tag = None
            if rjieba.has_word(word):
                pairs = rjieba.tag(word)
                tag = pairs[0][1] if len(pairs) == 1 else None
            self._tags[word] = tag
        return default if tag is None else tag

    def __getitem__(self, word: str) -> str:
        tag = self.get(word)
        if tag is None:
            raise KeyError(word)
        return tag


DICTIONARY_TAGS = DictionaryTags()


def cut(text: str) -> list[str]:
    """``jieba.lcut(text)``, by jieba-rs."""
    return rjieba.cut(text)


def tag(text: str) -> list[tuple[str, str]]:
    """(word, part of speech) for ``text``, by jieba-rs (names are tagged ``nr…``)."""
    return rjieba.tag(text)


class JiebaTokenizer(DummyTokenizer):
    """Words as jieba cuts them; whitespace stays in tokens of its own."""

    def __init__(self, vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words = rjieba.cut(text)
        doc = Doc(self.vocab, words=words, spaces=[False] * len(words))
        doc.user_data["zg_text"] = text
        doc.user_data["zg_tokens"] = [(end - len(w), end, w) for w, end
                                      in zip(words, accumulate(map(len, words)))
                                      if not w.isspace()]
        return doc


@registry.tokenizers("zonegraph.JiebaTokenizer.v1")
def create_jieba_tokenizer():
    def jieba_tokenizer_factory(nlp):
        return JiebaTokenizer(nlp.vocab)

    return jieba_tokenizer_factory
