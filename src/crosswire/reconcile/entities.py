"""One canonical entity per person, organisation and place across a story's articles."""

from __future__ import annotations

from collections import defaultdict

from crosswire.model import Entity, Evidence, Story


def reconcile_entities(story: Story) -> list[Entity]:
    """Entities of the story, most mentioned first (issue 4 replaces exact-name grouping)."""
    groups: dict[tuple[str, str], Entity] = {}
    sources: defaultdict[tuple[str, str], set[int]] = defaultdict(set)
    for number, analysis in enumerate(story.analyses, start=1):
        for mention in analysis.mentions:
            key = (mention.name or mention.text, mention.label)
            entity = groups.setdefault(key, Entity(name=key[0], type=key[1]))
            entity.mentions += 1
            if mention.text not in entity.variants:
                entity.variants.append(mention.text)
            if mention.role and mention.role not in entity.roles:
                entity.roles.append(mention.role)
            entity.evidence.append(Evidence(number, mention.start, mention.end))
            sources[key].add(number)
    for key, entity in groups.items():
        entity.sources = sorted(sources[key])
    return sorted(groups.values(), key=lambda e: (-len(e.sources), -e.mentions, e.name))
