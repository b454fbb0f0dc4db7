"""Claims aligned across outlets into one outlet x claim matrix, with discrepancies."""

from __future__ import annotations

from crosswire.model import Claim, Entity, Story


def reconcile_claims(
    story: Story, entities: list[Entity], duplicate_of: dict[int, int | None]
) -> list[Claim]:
    """Aligned claims, discrepancies first (issue 6 fills this in)."""
    return []
