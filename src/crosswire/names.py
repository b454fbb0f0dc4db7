"""Comparing names: folding, transliteration-tolerant keys, person-name parts, acronyms, aliases.

Shared by the per-article linker (``analyze.entities``) and the cross-article merger
(``reconcile.entities``); every comparison returns a reason a reader can check, or None.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import OSA, Indel, Levenshtein

__all__ = [
    "ROLE_HEADS",
    "ROLE_MODIFIERS",
    "ORG_WORDS",
    "SITE_WORDS",
    "PersonName",
    "acronym_of",
    "acronym_keys",
    "first_names_match",
    "fold",
    "loose_key",
    "honorific",
    "parse_person",
    "person_match",
    "place_key",
    "skeleton",
    "surnames_match",
]

_LATIN = "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch _ y _ e yu ya i yi ye g"
_CYRILLIC = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґ", _LATIN.split(), strict=True))

# Courtesy titles: dropped from names and not kept as roles.
HONORIFICS = {"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "lord", "lady", "madam"}


def _words(text: str) -> set[str]:
    return set(text.split())


# Words that make a title a title; a run of capitalised words is a role only if it has one.
ROLE_HEADS = _words(
    """president minister secretary spokesperson spokesman spokeswoman ambassador envoy
    chancellor premier governor mayor senator congressman congresswoman representative
    director chief chairman chairwoman chair head leader general admiral colonel commander
    captain officer official diplomat negotiator adviser advisor king queen prince princess
    pope judge attorney prosecutor lawyer professor ceo executive founder analyst expert
    correspondent reporter editor councillor councilor sheriff inspector superintendent
    coach manager commissioner delegate lieutenant sergeant cardinal bishop archbishop
    undersecretary under-secretary secretary-general spokesperson president-elect
    emperor dictator nominee candidate mp actress actor singer rapper
    gov sen rep gen lt col sgt capt cmdr adm det insp supt atty coroner comedian pastor
    priest rabbi imam detective trooper dean"""
)
# Words that may stand inside a title before or after its head ("Deputy Foreign Minister").
ROLE_MODIFIERS = _words(
    """deputy vice foreign prime assistant under senior former acting first general state
    defense defence interior finance press national security affairs of for and police army
    navy health trade energy justice education labour labor home treasury economy executive
    principal permanent special top lead chief-of-staff staff"""
)
_SUFFIXES = {"jr", "sr", "ii", "iii", "iv", "phd", "md"}
# Head words of buildings, sites and institutions named after a person or a place
# ("Goteborg Cathedral", "Betty Ford Center"): the name before them is not the same entity.
SITE_WORDS = _words(
    """cathedral church chapel mosque temple synagogue stadium arena airport hospital clinic
    university college school museum bridge station hotel tower hall square street avenue
    road park palace castle prison centre center theatre theater library harbour harbor port
    dam foundation institute"""
)
# Last words that make a name an organisation's, never a person's ("Kestrel Labs").
ORG_WORDS = _words(
    """corp corporation inc incorporated ltd llc plc company co group labs laboratories
    holdings systems logistics bank partners associates industries airlines motors
    technologies media press agency bureau ministry department council committee union
    party league association society"""
)

# Common English short forms; transliteration variants are left to ``skeleton``.
_NICKNAMES = [
    "joseph joe joey",
    "william bill billy will",
    "robert bob bobby rob",
    "richard dick rick",
    "michael mike",
    "james jim jimmy",
    "thomas tom tommy",
    "anthony antony tony",
    "edward ed ted eddie",
    "christopher chris",
    "david dave",
    "alexander alex aleksandr alexandr sasha",
    "nicholas nick",
    "benjamin ben",
    "samuel sam",
    "daniel dan danny",
    "matthew matt",
    "stephen steven steve",
    "katherine catherine kathryn kate kathy katie cathy",
    "elizabeth liz beth",
    "jennifer jen jenny",
    "patrick pat",
    "frederick fred freddie",
    "maurice mo",
    "andrew andy",
    "charles charlie chuck",
    "donald don",
    "ronald ron",
    "gerald jerry",
    "lawrence larry",
    "margaret maggie peggy",
    "susan sue",
    "vladimir volodymyr",
    "dmitry dmitri dmytro",
]
_NICKNAME_GROUP = {name: i for i, line in enumerate(_NICKNAMES) for name in line.split()}

# Well-known alternative names of places and organisations (general knowledge, not story data).
_ALIASES = [
    "united states|us|usa|united states of america|america",
    "united kingdom|uk|britain|great britain",
    "nato|north atlantic alliance|north atlantic treaty organization|"
    "north atlantic treaty organisation",
    "united nations|un",
    "european union|eu",
    "russia|russian federation",
    "soviet union|ussr",
    "kyiv|kiev",
    "organization for security and cooperation in europe|osce|"
    "organisation for security and cooperation in europe",
    "people's republic of china|china|prc",
    "world health organization|who",
    "international monetary fund|imf",
]
_ALIAS_KEY = {alias: line.split("|")[0] for line in _ALIASES for alias in line.split("|")}

_FUNCTION_WORDS = {"of", "for", "and", "the", "in", "on", "de", "du", "des", "la", "le", "&"}


# Names repeat thousands of times in a story: every pure function of a name below is memoised
# (bounded, so a long-lived process does not grow without limit).
_CACHE = 1 << 16


@lru_cache(maxsize=_CACHE)
def fold(text: str) -> str:
    """Lower-case ASCII form of a name: accents dropped, Cyrillic transliterated, dots gone."""
    text = "".join(_CYRILLIC.get(ch, ch) for ch in text.lower()).replace("_", "")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("’", "'").replace(".", "").replace("-", " ")
    text = re.sub(r"'s$", "", text).replace("'", "")
    text = re.sub(r"[^a-z0-9& ]+", " ", text)
    text = re.sub(r"^(the|a|an) ", "", " ".join(text.split()))
    return text.strip()


@lru_cache(maxsize=_CACHE)
def skeleton(word: str) -> str:
    """A spelling key that transliterations and voicing slips share (Ryabkov, Riabkov, Ryapkov)."""
    key = fold(word).replace(" ", "")
    for old, new in (("th", "t"), ("ph", "f"), ("ck", "k"), ("x", "ks"), ("kh", "h")):
        key = key.replace(old, new)
    key = key.translate(str.maketrans("yjbdgvzwc", "iipfkfsfk"))
    key = re.sub(r"(.)\1+", r"\1", key)
    # Word-final "ei"/"ii"/"i" all render one Russian ending (Sergei, Sergey, Sergii).
    return re.sub(r"(ei|ii|ie)$", "i", key)


@lru_cache(maxsize=_CACHE)
def loose_key(word: str) -> str:
    """A coarser key for one-slip comparisons: vowels alike, an "h" after a consonant silent
    (Shepard, Shepherd, Shephard all give "safarf")."""
    key = re.sub(r"[aeiou]+", "a", skeleton(word))
    key = re.sub(r"(?<=[^aeiou])h", "", key)
    return re.sub(r"(.)\1+", r"\1", key)


def honorific(word: str) -> bool:
    """True for a courtesy title such as "Ms" or "Dr."."""
    return fold(word) in HONORIFICS


@dataclass(frozen=True)
class PersonName:
    """A person's name split into given name, middle names or initials, and surname."""

    first: str | None
    middles: tuple[str, ...]
    last: str
    nickname: str | None = None  # written in quotes or brackets: Luis (Jerry) Ortiz

    @property
    def full(self) -> bool:
        return self.first is not None


# Lower-case-able particles that belong to the surname after them (Lo Presti, van Gogh).
_PARTICLES = {"de", "da", "di", "del", "della", "van", "von", "der", "den", "la", "le", "lo"}
_PARTICLES |= {"du", "bin", "al", "el", "ibn", "st"}
_NICKNAME = re.compile(r"""\(([^)]*)\)|["“”]([^"“”]*)["“”]|(?<!\w)['‘]([^'‘’]+)['’](?!\w)""")


_GLUED_TITLE = re.compile(r"(?<=[a-z])\.(?=[A-Z][a-z])")


@lru_cache(maxsize=_CACHE)
def parse_person(name: str) -> PersonName:
    """Split ``name``; a single word is taken as a surname."""
    nickname = None
    name = _GLUED_TITLE.sub(". ", name)  # "Gov.Sarah Palin": a title glued to the name
    found = _NICKNAME.search(name)
    if found is not None:
        nickname = next(g for g in found.groups() if g is not None).strip() or None
        name = _NICKNAME.sub(" ", name)
    words = [w.rstrip(",") for w in name.split() if fold(w)]
    # Descriptions and titles written inside a name ("Attorney Shawn Holley",
    # "defensive tackle Jamal Williams") are not part of it.
    while len(words) > 1 and (honorific(words[0]) or _title(words[0]) or words[0].islower()):
        words = words[1:]
    while len(words) > 1 and fold(words[-1]) in _SUFFIXES:
        words = words[:-1]
    if not words:
        return PersonName(None, (), name.strip(), nickname)
    cut = len(words) - 1
    while cut > 0 and fold(words[cut - 1]) in _PARTICLES:
        cut -= 1
    last = " ".join(words[cut:])
    if cut == 0:
        return PersonName(None, (), last, nickname)
    return PersonName(words[0], tuple(words[1:cut]), last, nickname)


def _title(word: str) -> bool:
    key = fold(word)
    return key in ROLE_HEADS or key in ROLE_MODIFIERS


@lru_cache(maxsize=_CACHE)
def surnames_match(a: str, b: str, loose: bool = False) -> str | None:
    """Why surnames ``a`` and ``b`` are one name, or None; ``loose`` allows one slip."""
    fa, fb = fold(a), fold(b)
    if fa == fb:
        return "same surname"
    sa, sb = skeleton(a), skeleton(b)
    if sa == sb and min(len(fa), len(fb)) >= 4:
        return f"surname spelled alike ({a} ~ {b})"
    # One slip in a long surname (a letter dropped or swapped, a vowel or a silent "h" that
    # differs) is still the same name.
    la, lb = loose_key(a), loose_key(b)
    if (
        loose
        and min(len(sa), len(sb)) >= 6
        and la[:1] == lb[:1]
        and (Levenshtein.distance(sa, sb) <= 1 or Levenshtein.distance(la, lb) <= 1)
    ):
        return f"surname spelled alike ({a} ~ {b})"
    return None


@lru_cache(maxsize=_CACHE)
def surname_slip(a: str, b: str) -> str | None:
    """Why two short surnames of four letters or more are one spelt with a slip: a letter
    added or dropped, or two letters swapped ("Rait" / "Raite"); never a letter changed
    ("Hart" / "Hard": two names), nor a different first letter.  Weak evidence alone: the
    caller asks for the same given name and the same company as well."""
    fa, fb = fold(a).replace(" ", ""), fold(b).replace(" ", "")
    if fa == fb or min(len(fa), len(fb)) < 4 or fa[:1] != fb[:1]:
        return None
    added = abs(len(fa) - len(fb)) == 1 and Indel.distance(fa, fb) == 1
    swapped = len(fa) == len(fb) and sorted(fa) == sorted(fb) and OSA.distance(fa, fb) == 1
    return f"surname spelled with a slip ({a} ~ {b})" if added or swapped else None


@lru_cache(maxsize=_CACHE)
def first_names_match(a: str, b: str) -> str | None:
    """Why given names ``a`` and ``b`` can be one person's, or None (initials count)."""
    fa, fb = fold(a), fold(b)
    if not fa or not fb:
        return None
    if fa == fb:
        return "same given name"
    if len(fa) == 1 or len(fb) == 1:
        return f"initial {a} fits {b}" if fa[0] == fb[0] else None
    if skeleton(a) == skeleton(b):
        return f"given name spelled alike ({a} ~ {b})"
    short, long = sorted((fa, fb), key=len)
    if len(short) >= 3 and long.startswith(short):
        return f"{a} is short for {b}" if fa == short else f"{b} is short for {a}"
    group_a, group_b = _NICKNAME_GROUP.get(fa), _NICKNAME_GROUP.get(fb)
    if group_a is not None and group_a == group_b:
        return f"{a} is a form of {b}"
    return None


def _middles_match(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    if not a or not b:
        return True
    return all(first_names_match(x, y) for x, y in zip(a, b, strict=False))


@lru_cache(maxsize=_CACHE)
def person_match(a: PersonName, b: PersonName) -> str | None:
    """Why two person names can be one person, or None; both must give a given name."""
    if not (a.full and b.full and a.first and b.first):
        return None
    surname = surnames_match(a.last, b.last, loose=True)
    given = _given_names_match(a, b)
    if surname is None or given is None:
        return None
    return f"{surname}, {given}"


def _given_names_match(a: PersonName, b: PersonName) -> str | None:
    assert a.first is not None and b.first is not None
    given = first_names_match(a.first, b.first)
    if given is not None and _middles_match(a.middles, b.middles):
        return given
    # "W. Mark Felt" goes by his middle name; "Luis (Jerry) Ortiz" by his nickname.
    for x, y in ((a, b), (b, a)):
        assert x.first is not None and y.first is not None
        if len(fold(x.first)) == 1 and x.middles and first_names_match(x.middles[0], y.first):
            return f"{y.first} is the middle name of {x.first} {x.middles[0]}"
        # "Sharron Diane Crawford Smith" is "Diane Crawford Smith": every later name agrees.
        if x.middles and _same_words(x.middles, (y.first, *y.middles)):
            return f"{y.first} {' '.join(y.middles)} are the middle names of {x.first}"
        if x.nickname and fold(x.nickname) == fold(y.first):
            return f"{y.first} is the nickname of {x.first}"
    return None


def _same_words(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    return len(a) == len(b) and all(fold(x) == fold(y) for x, y in zip(a, b, strict=True))


def acronym_of(short: str, long: str) -> bool:
    """True when ``short`` (e.g. "OSCE") spells the initials of ``long``'s content words."""
    letters = acronym_letters(short)
    return letters is not None and letters in acronym_keys(long)


@lru_cache(maxsize=_CACHE)
def acronym_letters(short: str) -> str | None:
    """``short``'s letters if it is written as an acronym can be ("OSCE", "U.S."), else None."""
    letters = fold(short).replace(" ", "")
    if not short.replace(".", "").isupper() or not 2 <= len(letters) <= 8:
        return None
    return letters


@lru_cache(maxsize=_CACHE)
def acronym_keys(long: str) -> frozenset[str]:
    """The acronyms ``long`` can have: initials of its content words or of every word, with a
    hyphenated word as one word or two (Hewlett-Packard: HP), a dotted abbreviation letter
    by letter (U.S. Geological Survey: USGS), a company's legal ending kept or dropped."""
    bare = _CORPORATE_WORDS.sub("", long)
    return _initials(long) | (_initials(bare) if bare and bare != long else frozenset())


def _initials(long: str) -> frozenset[str]:
    if len(long.split()) == 1 and "-" not in long:
        return frozenset()
    spelled = re.sub(r"\b([A-Z])\.(?=[A-Z]\.)", r"\1. ", long)  # U.S. -> U. S.
    article = ["the"] if fold(f"x {long}").split()[1:2] == ["the"] else []
    keys = set()
    for form in (spelled.replace("-", ""), spelled.replace("-", " ")):
        words = [*article, *fold(form).split()]
        if len(words) < 2:
            continue
        keys.add("".join(w[0] for w in words if w not in _FUNCTION_WORDS))
        keys.add("".join(w[0] for w in words))
    return frozenset(k for k in keys if len(k) >= 2)


_CORPORATE = re.compile(
    r"( (corp|corporation|inc|incorporated|ltd|limited|llc|plc|co|company|ag|sa))+$"
)
_CORPORATE_WORDS = re.compile(
    r"(,?\s+(corp|corporation|inc|incorporated|ltd|limited|llc|plc|co|company|ag|sa)\.?)+$",
    re.I,
)


_WEB = re.compile(r"\.(com|org|net)$", re.I)


@lru_cache(maxsize=_CACHE)
def place_key(name: str) -> tuple[str, str | None]:
    """The key under which a non-person name merges, and the alias reason if one applied."""
    name = _WEB.sub("", name)  # People.com is People
    key = _CORPORATE.sub("", fold(name)) or fold(name)
    key = re.sub(r"^mt ", "mount ", key)  # Mt Cook is Mount Cook
    alias = _ALIAS_KEY.get(key)
    if alias is not None and alias != key:
        return alias, f"{name} is a known name of {alias}"
    return key, None
