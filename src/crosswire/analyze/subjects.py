"""What a value is about: the event or thing a number, date or place is said of.

Works on the parse alone (no second pass, no embeddings).  An *event descriptor* is a
token naming something that can have a duration, date or place: "talks", "meeting",
"NATO-Russia Council", "collision", "rescue operation".  A value's subject is the
descriptor its clause attaches it to, found by walking the dependency tree; pronouns
("they lasted ...") fall back to the nearest descriptor in the sentence or the one
before.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# Nouns naming an event, grouped into families whose members can name the same event
# ("the talks" in one outlet is "the negotiations" or "the meeting" in another).
EVENT_FAMILIES: dict[str, str] = {
    **dict.fromkeys(
        [
            "talk",
            "talks",
            "negotiation",
            "negotiations",
            "discussion",
            "discussions",
            "dialogue",
            "consultation",
            "consultations",
            "meeting",
            "summit",
            "council",
            "session",
            "assembly",
            "forum",
        ],
        "talks",
    ),
    **dict.fromkeys(["call", "conversation", "phone"], "call"),
    # A conference is usually a press conference, not the talks themselves.
    "conference": "conference",
    **dict.fromkeys(
        ["collision", "crash", "accident", "incident", "sinking", "explosion"], "collision"
    ),
    **dict.fromkeys(["operation", "rescue", "evacuation", "search"], "operation"),
    **dict.fromkeys(["flight", "voyage", "crossing", "journey", "trip", "sailing"], "voyage"),
    **dict.fromkeys(["hearing", "inquiry", "trial"], "hearing"),
    "investigation": "investigation",
    **dict.fromkeys(["election", "vote", "referendum", "ballot"], "election"),
    **dict.fromkeys(["strike", "protest", "demonstration", "rally", "march"], "protest"),
    **dict.fromkeys(["fire", "blaze", "wildfire"], "fire"),
    **dict.fromkeys(["earthquake", "quake", "storm", "flood", "hurricane"], "disaster"),
    # A battle is one engagement of a war: "the three-day battle" is not "the two-month war".
    **dict.fromkeys(["battle", "fighting", "siege", "offensive"], "battle"),
    **dict.fromkeys(["war", "rebellion", "revolt", "uprising", "insurgency"], "war"),
}
# Verbs that are themselves the event ("the ferry collided ... 9 miles off Tallinn").
EVENT_VERBS = {
    "collide": "collision", "crash": "collision", "sink": "collision", "explode": "collision",
    "capsize": "collision", "derail": "collision", "erupt": "disaster",
    "evacuate": "operation", "rescue": "operation",
}  # fmt: skip
# Words that make a descriptor name a different, unidentified event ("the next round").
OTHER_EVENT = {"next", "upcoming", "further", "future", "following", "subsequent", "another"}
# Nouns that only wrap the real descriptor: "round of talks", "series of talks".
WRAPPERS = {"round", "rounds", "series", "set", "part", "level", "framework", "format"}
# Prepositions through which a descriptor's name is given ("meeting of the Council").
NAMING_PREPS = {"of", "under"}
NAME_LABELS = {"ORG", "PERSON", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"}
PLACE_LABELS = {"GPE", "LOC", "NORP"}
PRONOUNS = {"it", "they", "he", "she", "its", "their", "her", "his", "them", "this", "these"}


@dataclass(frozen=True)
class Subject:
    """An event or thing a value is said of: its family, its names, how it reads."""

    family: str  # "talks", "collision" ... or "" for a named thing (a ship, a person)
    names: tuple[str, ...]  # proper names that identify it, as written
    text: str  # how the brief shows it

    @property
    def vague(self) -> bool:
        return not self.family and not self.names


def family_of(token: Token) -> str:
    """The event family a token names, or ""."""
    lemma = token.lemma_.lower()
    if token.pos_ == "VERB":
        return EVENT_VERBS.get(lemma, "")
    if token.pos_ in ("NOUN", "PROPN"):
        return EVENT_FAMILIES.get(lemma, "") or EVENT_FAMILIES.get(token.lower_, "")
    return ""


def descriptors(sent: Span) -> list[Token]:
    """Tokens of ``sent`` naming an identifiable event (not "the next round of talks")."""
    found = []
    for token in sent:
        if not family_of(token) or token.lower_ == "phone":
            continue
        if token.pos_ == "PROPN" and not _has_name(token):
            continue
        if _other_event(token):
            continue
        found.append(token)
    return found


def _has_name(token: Token) -> bool:
    # "Council" alone is a descriptor only when named: "the NATO-Russia Council".
    return any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in token.children)


def _other_event(token: Token) -> bool:
    heads = [token]
    if token.dep_ == "pobj" and token.head.head.lower_ in WRAPPERS:
        heads.append(token.head.head)
    return any(c.lower_ in OTHER_EVENT for h in heads for c in h.children if c.dep_ == "amod")


def describe(token: Token) -> Subject:
    """The ``Subject`` a descriptor or other noun token stands for."""
    family = family_of(token)
    names = _names(token)
    if family and token.pos_ == "PROPN":
        head = "meeting" if family == "talks" else family
        return Subject(family, names, f"{names[0]} {head}" if names else head)
    if family:
        noun = token.lower_ if token.pos_ == "NOUN" else family
        return Subject(family, names, f"{' / '.join(names)} {noun}".strip())
    if names:
        return Subject("", names, " and ".join(names))
    return Subject("", (), "")


def _names(token: Token) -> tuple[str, ...]:
    """Proper names identifying ``token``: its compounds, appositions and of-phrases."""
    names: list[str] = []
    region = _naming_region(token)
    if any(t.ent_type_ == "PERSON" for t in region):
        # People are named by their names, not by titles ("U.S. President").
        region = [t for t in region if t.ent_type_ == "PERSON"]
    for item in region:
        if item.pos_ != "PROPN" and not (item.ent_type_ in NAME_LABELS and item.pos_ == "NOUN"):
            continue
        long_region = bool(family_of(token)) and _long_region_name(item)
        # A place modifying a common noun ("Geneva talks") says where, not which.
        place = item.ent_type_ in PLACE_LABELS
        if place and _entity_head(item).pos_ != "PROPN" and not long_region:
            continue
        if item.ent_type_ in PLACE_LABELS and item.i == token.i:
            continue
        # An owner or operator before a common noun ("the Nordlink Ferries ship") says
        # whose, not which: many ships could be meant.
        if (
            token.pos_ == "NOUN"
            and _entity_head(item).i == token.i
            and (not family_of(token) or item.ent_type_ != "ORG" and not long_region)
        ):
            # "the Lindberg summit" is the summit held in Lindberg, not one named so.
            continue
        name = _name_text(item)
        if name and name not in names and not any(name in n for n in names):
            names = [n for n in names if n not in name] + [name]
    return tuple(names)


def _long_region_name(token: Token) -> bool:
    """A region's name of three or more capitalised words before an event ("the
    Asia-Pacific Economic Cooperation forum"): the small model often labels an
    organisation so.  It is kept as a name; the story's reconciled places take back
    the words that are places' (``reconcile.claims.subject_key``)."""
    ent = entity_at(token)
    if ent is None or ent.label_ != "LOC":
        return False
    return sum(1 for t in ent if t.is_alpha and t.text[:1].isupper()) >= 3


def entities_by_sentence(doc: Doc) -> dict[int, list[Span]]:
    """The doc's entities bucketed by the start token of their sentence, in one pass.

    ``sent.ents`` and ``doc.ents`` rebuild the entity list on every access; callers that
    look at entities per sentence or per token read this instead.
    """
    starts = {token.i: sent.start for sent in doc.sents for token in sent}
    buckets: dict[int, list[Span]] = {}
    for ent in doc.ents:
        buckets.setdefault(starts.get(ent.start, -1), []).append(ent)
    return buckets


def entity_at(token: Token) -> Span | None:
    """The named entity covering ``token``, from an index built once per doc."""
    doc = token.doc
    cached = _ENTITY_INDEX[0] if _ENTITY_INDEX else None
    if cached is None or cached[0] is not doc:
        index = {i: ent for ent in doc.ents for i in range(ent.start, ent.end)}
        _ENTITY_INDEX[:] = [(doc, index)]
    return _ENTITY_INDEX[0][1].get(token.i)


# One slot: the doc being analysed and its token -> entity index (a doc at a time; the
# reference keeps the doc alive, so identity cannot be reused by another doc).
_ENTITY_INDEX: list[tuple[Doc, dict[int, Span]]] = []


def _entity_head(token: Token) -> Token:
    """The token an entity hangs from, outside the entity ("Russian Federation" -> "of")."""
    ent = entity_at(token)
    return ent.root.head if ent is not None else token.head


def _naming_region(token: Token) -> list[Token]:
    region = [token]
    stack = list(token.children)
    if token.pos_ == "NOUN" and not family_of(token):
        # "the Nordlink Ferries ship": the owner before a common noun is not its name.
        stack = [c for c in stack if c.dep_ not in ("compound", "poss")]
    while stack:
        child = stack.pop()
        if child.dep_ in ("compound", "appos", "conj", "poss", "nmod", "flat"):
            region.append(child)
            stack.extend(child.children)
        elif child.dep_ == "prep" and child.lower_ in NAMING_PREPS:
            stack.extend(c for c in child.children if c.dep_ == "pobj")
        elif child.dep_ == "prep":
            # "at the level of the Council", "in the format of ...": wrappers pass names on.
            stack.extend(c for c in child.children if c.dep_ == "pobj" and c.lower_ in WRAPPERS)
        elif child.dep_ == "pobj" or (child.dep_ in ("amod",) and child.pos_ == "PROPN"):
            region.append(child)
            stack.extend(child.children)
    return sorted(region, key=lambda t: t.i)


def _name_text(token: Token) -> str:
    doc = token.doc
    if token.ent_type_ in NAME_LABELS or token.ent_type_ in PLACE_LABELS:
        ent = entity_at(token)
        if ent is not None:
            words = [t for t in ent if t.lower_ != "the"]
            if words:
                return doc[words[0].i : words[-1].i + 1].text
    # Unlabelled proper-noun compounds: "NATO-Russia Council" spans its compound chain.
    left = min(
        (t.i for t in token.subtree if t.dep_ in ("compound", "punct") and t.i <= token.i),
        default=token.i,
    )
    while left < token.i and doc[left].is_punct:
        left += 1
    return doc[left : token.i + 1].text


def tree_distance(a: Token, b: Token) -> int:
    """Number of dependency arcs between two tokens of one sentence."""
    path_a = [a, *a.ancestors]
    index = {t.i: depth for depth, t in enumerate(path_a)}
    for depth_b, t in enumerate([b, *b.ancestors]):
        if t.i in index:
            return index[t.i] + depth_b
    return 99


def nearest(anchor: Token, candidates: list[Token]) -> Token | None:
    """The candidate closest to ``anchor`` in the tree, ties broken by word distance."""
    if not candidates:
        return None
    return min(candidates, key=lambda c: (tree_distance(anchor, c), abs(c.i - anchor.i)))


def subject_of_verb(verb: Token) -> Token | None:
    """The subject noun of a verb, climbing through conjunctions and relative clauses."""
    current: Token | None = verb
    for _ in range(4):
        if current is None:
            return None
        if current.dep_ == "relcl":
            return current.head  # "talks that lasted": the relative pronoun is the talks
        for child in current.children:
            if child.dep_ in ("nsubj", "nsubjpass", "csubj", "expl"):
                return child
        if (
            current.dep_ in ("conj", "xcomp", "advcl", "acl", "acomp")
            and current.head.i != current.i
        ):
            current = current.head
            continue
        return None
    return None


def clause_verb(token: Token) -> Token | None:
    """The verb whose clause holds ``token`` ("plan to hold" counts as one clause)."""
    verb = _verb_at_or_above(token)
    while verb is not None and verb.dep_ == "xcomp" and verb.head.i != verb.i:
        verb = _verb_at_or_above(verb.head)
    return verb


def _verb_at_or_above(token: Token) -> Token | None:
    return next((t for t in [token, *token.ancestors] if t.pos_ in ("VERB", "AUX")), None)


def unwrap(token: Token) -> Token:
    """ "round of talks" -> "talks"; "framework of the OSCE" -> "OSCE"."""
    if token.lower_ in WRAPPERS or token.lemma_.lower() in WRAPPERS:
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return pobj
    return token


def is_pronoun(token: Token) -> bool:
    return token.pos_ == "PRON" or token.lower_ in PRONOUNS
