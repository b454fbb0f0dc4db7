"""One canonical entity per person, organisation and place across a story's articles.

Each article's mentions arrive linked to the fullest name they have in that article
(``analyze.entities``).  Here those per-article entities are merged across articles:

- people when surname and given name agree up to spelling and transliteration (Sergey
  / Sergei A. Ryapkov / Ryabkov), never two given names that disagree; a surname used
  alone joins the one person of that surname in the story, or, when several share it,
  the one with a shared role or the most shared company in the articles;
- organisations and places when their names fold to one key (case, dots, "the",
  accents, Cyrillic), when one is a known alias or the acronym of the other, or when
  two long names differ by a slip; never by one name containing the other (Mexico City
  is not Mexico).

Every merge leaves a reason in ``Entity.merged_because``.

The modules, in the order the stage uses them: ``kinds`` settles from the whole story what
kind of name each mention is and groups each article's mentions into its entities
(``clusters.Local``), with ``places`` deciding where a place's name stands for a team or a
site; ``organisations`` (with ``places``) and ``people`` merge those entities across
articles (``clusters.Clusters``); ``records`` turns each merged group into an ``Entity``;
``resolve`` finds the entity a written name refers to, for the stages after this one.
"""

from __future__ import annotations

from crosswire.analyze.story_mentions import common_words, refine_story_mentions
from crosswire.model import Entity, Story
from crosswire.reconcile.entities.clusters import TYPES, Clusters
from crosswire.reconcile.entities.kinds import local_entities
from crosswire.reconcile.entities.organisations import merge_names
from crosswire.reconcile.entities.people import join_run_ons, merge_people
from crosswire.reconcile.entities.records import build_entity, mention_records
from crosswire.reconcile.entities.resolve import resolve_entity

__all__ = ["TYPES", "mention_records", "reconcile_entities", "resolve_entity"]


def reconcile_entities(story: Story, refine: bool = True) -> list[Entity]:
    """Entities of the story, most central (most sources, then most mentions) first.

    With ``refine`` the story's mentions are first repaired in place from what the whole
    story says (``analyze.story_mentions``: headline run-ons cut, missed names recovered);
    without it the mentions are taken as given (scoring with gold mentions).
    """
    if refine:
        refine_story_mentions(story.analyses)
    locals_ = local_entities(story)
    clusters = Clusters(locals_)
    texts = [a.article.text for a in story.analyses]
    merge_names(clusters, [i for i, loc in enumerate(locals_) if not loc.person], texts)
    merge_people(clusters, [i for i, loc in enumerate(locals_) if loc.person], common_words(texts))
    join_run_ons(clusters)
    entities = [build_entity(clusters, group) for group in clusters.groups()]
    return sorted(entities, key=lambda e: (-len(e.sources), -e.mentions, e.name))
