"""JSON Schemas for the content files, generated from the models, for editors to validate
and complete YAML (e.g. with yaml-language-server's ``$schema`` comment)."""

from __future__ import annotations

import json
from typing import Any

from guide_app.core.model import KINDS

SCHEMA_URL = "https://json-schema.org/draft/2020-12/schema"


def schema_for(kind: str) -> dict[str, Any]:
    schema = KINDS[kind].model_json_schema(mode="validation")
    schema["$schema"] = SCHEMA_URL
    schema["title"] = f"Session Guide {kind}"
    return schema


def schema_text(kind: str) -> str:
    return json.dumps(schema_for(kind), indent=2, sort_keys=True) + "\n"
