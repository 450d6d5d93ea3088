"""What extraction produces: mentions, posts, relations and attributes, with offsets.

All offsets are character offsets in the text the pipeline was given (an article of the
normalized document); ``zonegraph.pipeline.run`` shifts them to document offsets.
"""
from __future__ import annotations

from dataclasses import dataclass, field

ENTITY_TYPES = ("Zone", "Park", "Enterprise", "Institution", "GovernmentBody", "Person",
                "Fund", "Policy", "Program", "Place", "Event")
PREDICATES = ("memberOf", "locatedIn", "partOf", "cooperatesWith", "issuedBy", "launchedBy")


@dataclass
class Mention:
    """A name of an entity at a place in the text.

    ``key`` is set when the mention is already linked (a gazetteer id such as
    ``zone:liangjiang``, or a zone organ ``organ:liangjiang:管委会``); otherwise the
    linker derives it from type and name.
    """

    start: int
    end: int
    type: str
    text: str
    rule: str
    confidence: float = 0.9
    key: str = ""
    name: str = ""  # canonical name when it differs from the surface text

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end


@dataclass
class Relation:
    subject: Mention
    predicate: str
    object: Mention
    sentence: tuple[int, int]
    rule: str
    confidence: float = 0.8
    planned: bool = False


@dataclass
class Post:
    """A person's post as written (``title``) in an organization."""

    person: Mention
    organization: Mention
    title: str
    sentence: tuple[int, int]
    rule: str = "title-chain"
    confidence: float = 0.85


@dataclass
class Extraction:
    """Everything found in one article."""

    mentions: list[Mention] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    posts: list[Post] = field(default_factory=list)
    amounts: dict[int, float] = field(default_factory=dict)  # id(mention) -> yuan
    dates: dict[int, str] = field(default_factory=dict)  # id(mention) -> ISO date
    zone_key: str = ""  # the article's own zone, which a bare 新区 refers to
