"""Noise removal: drop the web boilerplate that survives extraction, saying why.

Cleaning works on whole lines and never edits a line it keeps, so the cleaned
text is the input minus some lines: every offset a later stage takes into it
points at words the source really printed.  Each rule matches only a short line
that reads as a prompt, form label, link, credit or byline; long lines and
lines carrying a quotation are never touched, so reporting is not lost.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from crosswire.model import Article, Removal

__all__ = ["clean_article", "clean_text", "noise_reason"]

# No rule may remove a line longer than this: noise is short, reporting is not.
_MAX_NOISE_WORDS = 40
# Bylines and author notes are only looked for this many lines from either end.
_EDGE_LINES = 3


@dataclass(frozen=True)
class _Line:
    """One line in the folded form the rules match against."""

    folded: str  # NFKC, case-folded, stripped; inner spacing kept (a gap can be a separator)
    words: int

    @classmethod
    def of(cls, raw: str) -> _Line:
        folded = unicodedata.normalize("NFKC", raw).casefold().strip()
        return cls(folded, len(folded.split()))

    @property
    def bare(self) -> str:
        """Folded, with trailing punctuation and single spaces only."""
        return " ".join(self.folded.split()).rstrip(" .!:;,")


_Rule = Callable[[_Line], bool]

# ----------------------------------------------------------------- comment forms

_COMMENT_LINE = re.compile(
    r"^(leave a (reply|comment|response)\b.*"
    r"|(post|add|submit|write|show|view|load|hide|read) (a |your |all |the |more )?comments?"
    r"|cancel reply|comments? are closed.*|comments?( \(\d+\))?|\d+ (comments?|responses|replies)"
    r"|join the (conversation|discussion|debate)"
    r"|(comment|name|e-?mail|website|url)( ?\*)?"
    r"|you must be (logged|signed) in to (post|leave) a comment.*"
    r"|save my name,? e-?mail,? and website in this browser.*"
    r"|notify me of (follow-up comments|new (comments|posts)).*)$"
)
_COMMENT_POLICY = re.compile(
    r"your e-?mail address will not be published|required fields are marked"
    r"|this site uses akismet|how your comment data is processed"
    r"|comments are moderated|read our comment(ing)? (policy|guidelines)"
)


def _is_comment_form(line: _Line) -> bool:
    return bool(_COMMENT_LINE.match(line.bare)) or (
        line.words <= 30 and bool(_COMMENT_POLICY.search(line.folded))
    )


# ----------------------------------------------------------------- share prompts

_NETWORK_WORDS = {
    "facebook", "twitter", "x", "linkedin", "whatsapp", "pinterest", "reddit", "telegram",
    "messenger", "flipboard", "pocket", "tumblr", "vk", "sms", "bluesky", "threads", "mastodon",
}  # fmt: skip
_SHARE_VERBS = {"share", "tweet", "print", "email", "e-mail", "copy"}
_SHARE_VOCABULARY = _NETWORK_WORDS | _SHARE_VERBS | {
    "this", "story", "article", "post", "page", "on", "via", "with", "and", "or", "enjoy",
    "e-mail", "copy", "link", "url", "click", "to", "opens", "in", "a", "new", "window", "it",
    "your", "friends", "the", "like", "loading", "save", "gift", "comment",
}  # fmt: skip
_WORD = re.compile(r"[\w@'-]+")


def _is_share_prompt(line: _Line) -> bool:
    """A line made only of sharing words: "Share this story", "Share on Facebook", "Tweet"."""
    words = set(_WORD.findall(line.folded))
    if not words or line.words > 12:
        return False
    if words & _SHARE_VERBS:
        return words <= _SHARE_VOCABULARY
    # Without a verb only a row of network names is a prompt: "Twitter and ... ?" is prose.
    return words <= _NETWORK_WORDS - {"x", "threads", "pocket"} and "?" not in line.folded


# ---------------------------------------------------------------- follow prompts

_NETWORKS = (
    r"(twitter|x|facebook|instagram|telegram|google news|linkedin|youtube|tiktok|threads"
    r"|bluesky|mastodon|whatsapp|flipboard|snapchat|vk|rss)"
)
_FOLLOW = re.compile(
    # "(?!-)": "Follow-up talks are set for March." is reporting.
    rf"^(follow|join|find|connect with|like us)\b(?!-)[^.!?]{{0,60}}\b(on|at|via) {_NETWORKS}\b"
    # Only where a sentence starts: "told them to follow us to the port" is reporting.
    r"|(^|[.!?]\s+)follow (us|@\w+)"
)


def _is_follow_prompt(line: _Line) -> bool:
    return line.words <= 20 and bool(_FOLLOW.search(line.folded))


# ------------------------------------------------------------ newsletter prompts

_PROMO_START = re.compile(
    r"^(subscribe|sign up|sign me up|signup|register|get|never miss|don't miss|do not miss"
    r"|stay (informed|up to date|updated|in the know)|want (more|the latest)"
    r"|enter your e-?mail|receive|join)\b"
)
_PROMO_TOPIC = re.compile(
    r"\b(newsletters?|inbox|subscribe|subscription|e-?mail alerts?|news alerts?"
    r"|(top|latest|best) (stories|headlines))\b"
)
_APP_PROMPT = re.compile(r"^(download|get|install|try) (our|the) ([\w'-]+ ){0,3}app\b")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+")


def _is_newsletter_prompt(line: _Line) -> bool:
    if line.words > 30 or not _PROMO_TOPIC.search(line.folded):
        return False
    return any(_PROMO_START.match(s) for s in _SENTENCE_BREAK.split(line.folded))


def _is_app_prompt(line: _Line) -> bool:
    return line.words <= 20 and bool(_APP_PROMPT.match(line.folded))


# ------------------------------------------------------------- see-also links

_SEPARATOR = r"(\s*[:|»›>•·\-–—]+\s*|\s{2,}|$)"
# These lead-ins only ever introduce a link, so a plain space may follow them.
_LINK_LEAD = re.compile(
    r"^(see also|read more|read also|also read|also see|more to read|read next|read this next"
    r"|continue reading|click here|you (may|might) (also )?(like|enjoy|be interested in))"
    rf"({_SEPARATOR}|\s)"
)
# These open reporting too ("Related charges were filed"), so they need a separator.
_SECTION_LEAD = re.compile(
    r"^(related( stories| articles| coverage| content| news| posts| reading| topics| links)?"
    r"|recommended( reading| for you| stories)?|more (from|on) [\w' ]{1,30}?|more stories"
    r"|more news|up next|watch|listen|explore more|editor'?s picks?|top stories|trending"
    r"|most (read|popular|viewed|shared))"
    rf"{_SEPARATOR}"
)


def _is_see_also(line: _Line) -> bool:
    """A short headline-like fragment introduced as a pointer to another page."""
    if line.words > 25:
        return False
    return bool(_LINK_LEAD.match(line.folded) or _SECTION_LEAD.match(line.folded))


def _opens_link_list(text: str) -> bool:
    """A lead-in standing alone ("Related stories", "Read more:"): a list of links follows."""
    line = _Line.of(text)
    lead = _LINK_LEAD.match(line.folded) or _SECTION_LEAD.match(line.folded)
    return lead is not None and not line.folded[lead.end() :].strip()


def _reads_as_link(text: str) -> bool:
    """A short line that is not a sentence: how the headline of a linked story reads."""
    line = _Line.of(text)
    return 0 < line.words <= 15 and not line.folded.endswith((".", "!", "?", '"', "”", ":"))


# ---------------------------------------------------------- photos and credits

_MEDIA_LABEL = re.compile(
    r"^(picture|pictures|photo|photos|image|images|video|photograph|gallery|enlarge this image"
    r"|toggle caption|hide caption|caption|expand|fullscreen|play video|watch video"
    r"|view gallery|open gallery|(image|photo) \d+ (of|/) \d+|\d+ (photos|images))$"
)
# "debt"/"debit": how machine translation renders a photo "credit".
_CREDIT_LEAD = re.compile(
    r"^(photo|photos|picture|pictures|image|images|photograph|pictured|credits?"
    r"|(photo|image|picture) (credits?|source)|illustration|graphic|file photo"
    r"|(top|main|header|lead|featured) (image|photo)|debt|debit)"
    r"\s*(:|/|\||\.{2,}|-|–|—|\bby\b)"
)
_AGENCY = (
    r"(reuters|ap|afp|getty images?|epa(-efe)?|efe|shutterstock|alamy|anadolu( agency)?"
    r"|tass|ria novosti|xinhua|bloomberg|associated press|sipa|zuma( press)?"
    r"|pa( images| wire| media)?|istock(photo)?|unsplash|pexels|wikimedia commons|nurphoto"
    r"|imago|dpa|handout|pool)"
)
_CREDIT_TAIL = re.compile(rf"(/|\bvia\b|©|\(c\))\s*[\w .'&-]{{0,40}}?\b{_AGENCY}\)?\.?$")
_CREDIT_ANYWHERE = re.compile(r"\b(getty images|ap photo|shutterstock|afp via getty)\b")


def _is_photo_label(line: _Line) -> bool:
    """What stands in for an image in extracted text: "Picture", "Enlarge this image"."""
    return bool(_MEDIA_LABEL.match(line.bare))


def _is_photo_credit(line: _Line) -> bool:
    if line.words > 14:
        return False
    return bool(
        _CREDIT_LEAD.match(line.folded)
        or _CREDIT_TAIL.search(line.folded)
        or (line.words <= 10 and _CREDIT_ANYWHERE.search(line.folded))
    )


# --------------------------------------------------------- other page furniture

_ADVERT = re.compile(
    r"^(advertisement|advertising|ad|ads|sponsored( content| post| links?)?|promoted( content)?"
    r"|paid (content|post|partnership)|(story|article) continues (below|after)( advertisement)?"
    r"|continue reading (below|the main story)|skip (advertisement|ad)"
    r"|scroll (down )?to continue( with content)?|supported by|partner content)$"
)
_COPYRIGHT = re.compile(r"^(©|\(c\) ?\d{4}|copyright ?(©|\(c\))? ?\d{4})|all rights reserved")
_COOKIES = re.compile(
    r"^(we|this (web)?site) uses? cookies|^by (continuing to (use|browse)|using this (web)?site)"
    r"|^(accept|reject|allow) (all|all cookies|cookies)$"
    r"|^(cookie|privacy) (settings|policy|preferences)$"
    r"|^manage (cookie )?preferences$|^i (agree|accept)$"
)
# Buttons and navigation labels that extraction sometimes leaves as lines of their own.
_CONTROL = re.compile(
    r"^(log ?in|sign ?in|log ?out|sign me up|search|menu|skip to (main )?content|back to top"
    r"|load more|show more|show less|next article|previous article|print this page"
    r"|listen to this article|\d+ min(ute)? read)$"
)
_TAGS = re.compile(r"^(tags?|topics?|filed under|categories|category|keywords)\s*:")
_URL = re.compile(r"(https?://|www\.)\S+")
_IMAGE_URL = re.compile(r"^(https?://|www\.)\S+\.(jpe?g|png|gif|webp|svg|avif)(\?\S*)?$")
_SPAM = re.compile(r"\b(casino|viagra|cheap|discount|bet|betting|porn|loans?|crypto|buy)\b")


def _is_advert(line: _Line) -> bool:
    return bool(_ADVERT.match(line.bare))


def _is_copyright(line: _Line) -> bool:
    return line.words <= 25 and bool(_COPYRIGHT.search(line.folded))


def _is_cookie_notice(line: _Line) -> bool:
    return bool(_COOKIES.search(line.bare))


def _is_page_control(line: _Line) -> bool:
    return bool(_CONTROL.match(line.bare))


def _is_tag_list(line: _Line) -> bool:
    return line.words <= 25 and bool(_TAGS.match(line.folded))


def _is_image_link(line: _Line) -> bool:
    """A bare URL of an image file: what is left of a picture.

    Other bare URLs stay: outlets print source and product links as part of the body.
    """
    return bool(_IMAGE_URL.match(line.bare))


def _is_spam_link(line: _Line) -> bool:
    """A short line pushing a URL with shop or gambling words."""
    rest = _URL.sub("", line.folded)
    return line.words <= 15 and rest != line.folded and bool(_SPAM.search(rest))


_RULES: tuple[tuple[str, _Rule], ...] = (
    ("comment form", _is_comment_form),
    ("share prompt", _is_share_prompt),
    ("follow prompt", _is_follow_prompt),
    ("newsletter prompt", _is_newsletter_prompt),
    ("app prompt", _is_app_prompt),
    ("see-also link", _is_see_also),
    ("photo label", _is_photo_label),
    ("photo credit", _is_photo_credit),
    ("advertisement", _is_advert),
    ("copyright line", _is_copyright),
    ("cookie notice", _is_cookie_notice),
    ("page control", _is_page_control),
    ("tag list", _is_tag_list),
    ("image link", _is_image_link),
    ("spam link", _is_spam_link),
)

# A quoted passage of three words or more: the line reports speech.
_QUOTATION = re.compile(r"[“\"«„]\s*\S+\s+\S+\s+\S+[^”\"»“]*[”\"»“]")
# Link and credit lines may quote a headline; every other rule yields to a quotation.
_QUOTE_SAFE = {"see-also link", "photo label", "photo credit"}


def noise_reason(text: str) -> str | None:
    """Why one line is noise wherever it stands, or None when it may be reporting."""
    line = _Line.of(text)
    if not line.words or line.words > _MAX_NOISE_WORDS:
        return None
    quoted = bool(_QUOTATION.search(line.folded))
    for reason, rule in _RULES:
        if (not quoted or reason in _QUOTE_SAFE) and rule(line):
            return reason
    return None


# ------------------------------------------------------------------ bylines

_NAME_WORD = re.compile(r"^([A-Z][\w'’.-]*|de|da|di|van|von|der|den|al|bin|la|le)$")
_BY = re.compile(r"^by:?\s+(?P<name>[^,·|•–—]+)", re.IGNORECASE)
# What only an author's note says; "X is a reporter for the Journal" alone may be news.
_AUTHOR_NOTE = re.compile(
    r"\b(columnist|contributing (writer|editor)|contributor|guest writer|is the author of"
    r"|(opinions|views) (expressed )?are (his|her|their) own)\b"
)


def _is_name(text: str) -> bool:
    """Two to four capitalised words and nothing else: how a signed byline reads."""
    words = text.split()
    return (
        2 <= len(words) <= 4
        and words[0][0].isupper()
        and not text.isupper()  # "GIRLS BASKETBALL" is a section heading
        and all(_NAME_WORD.match(w) for w in words)
        and not any(ch.isdigit() for ch in text)
    )


def _is_signature(line: str) -> bool:
    """A "By ..." line naming people: "By Eleanor Marsh · 16 October 2025", "BY JANE DOE".

    Not "By Tuesday, 14 people had been rescued.": the names must be two words or more,
    and a longer line must not end as a sentence does.
    """
    signed = _BY.match(line)
    if signed is None or len(line.split()) > 12:
        return False
    if len(line.split()) > 4 and line.endswith("."):
        return False
    names = re.split(r"\s+and\s+", signed["name"].strip(), flags=re.IGNORECASE)
    return all(_is_name(name.title()) for name in names)


def _byline_reason(text: str, author: str | None, last: bool) -> str | None:
    """Why a line near either end of the article is a byline or author note, if it is."""
    stripped = text.strip()
    words = stripped.split()
    if author and stripped.casefold().removeprefix("by ") == author.strip().casefold():
        return "byline"
    if _is_signature(stripped):
        return "byline"
    # Only as the very last line: elsewhere a short title-case line is a subheading.
    if last and _is_name(stripped.rstrip(".")):
        return "byline"
    head = " ".join(words[:4])
    if " is " not in head or len(words) > 40 or not _is_name(head.split(" is ")[0]):
        return None
    name = head.split(" is ")[0]
    written_by_author = bool(author) and name.casefold() in (author or "").casefold()
    return "author note" if written_by_author or _AUTHOR_NOTE.search(stripped) else None


# ------------------------------------------------------------------ assembly


def clean_text(text: str, author: str | None = None) -> tuple[str, list[Removal]]:
    """The text without its noise lines, and a removal record for each line dropped."""
    lines = text.split("\n")
    content = [i for i, line in enumerate(lines) if line.strip()]
    edges = set(content[:_EDGE_LINES] + content[-_EDGE_LINES:])
    removed: list[Removal] = []
    kept: list[int] = []
    in_link_list = False
    for i in content:
        reason = noise_reason(lines[i])
        if reason is None and i in edges:
            reason = _byline_reason(lines[i], author, last=i == content[-1])
        if reason is None and in_link_list and _reads_as_link(lines[i]):
            reason = "see-also link"
        in_link_list = reason == "see-also link" and (in_link_list or _opens_link_list(lines[i]))
        if reason is None:
            kept.append(i)
        else:
            removed.append(Removal(lines[i].strip(), reason))
    return _join(lines, kept), removed


def _join(lines: list[str], kept: list[int]) -> str:
    """Kept lines, a blank line between two where any blank line stood between them."""
    parts: list[str] = []
    for previous, index in zip([None, *kept], kept, strict=False):
        if previous is not None:
            gap = lines[previous + 1 : index]
            parts.append("\n\n" if any(not line.strip() for line in gap) else "\n")
        parts.append(lines[index])
    return "".join(parts)


def clean_article(article: Article) -> Article:
    """A copy of ``article`` with noise lines removed from ``text`` and listed in ``removed``."""
    text, removed = clean_text(article.text, article.author)
    return dataclasses.replace(article, text=text, removed=[*article.removed, *removed])
