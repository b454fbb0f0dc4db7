"""The brief's JSON form: the versioned contract every other rendering follows."""

from __future__ import annotations

import json
from typing import Any

from crosswire.model import Brief, from_dict, to_dict

# Top-level keys in contract order.
KEYS = ("schema", "title", "sources", "summary", "entities", "quotes", "claims", "timeline")


def brief_to_json(brief: Brief) -> dict[str, Any]:
    """The brief as contract-ordered JSON data."""
    data = to_dict(brief)
    return {key: data[key] for key in KEYS}


def render_json(brief: Brief) -> str:
    return json.dumps(brief_to_json(brief), ensure_ascii=False, indent=2) + "\n"


def brief_from_json(data: dict[str, Any]) -> Brief:
    """A Brief back from its JSON data."""
    return from_dict(Brief, data)
