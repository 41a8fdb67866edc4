"""The JSON Schemas editors use are generated from the models and kept in step with them."""

import json
from pathlib import Path

import pytest

from guide_app.core.model import KINDS
from guide_app.core.schema import schema_text

DOCS = Path(__file__).resolve().parents[2] / "docs" / "schema"


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_committed_schema_matches_the_model(kind: str) -> None:
    committed = (DOCS / f"{kind}.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(kind), "run: .venv/bin/python scripts/write_schemas.py"


def test_schema_forbids_unknown_keys_and_names_dosage_fields() -> None:
    schema = json.loads(schema_text("exercise"))
    dosage = schema["$defs"]["Dosage"]
    assert dosage["additionalProperties"] is False
    assert {"sets", "reps", "tempo", "hold", "rest", "per_side", "first_side"} <= set(
        dosage["properties"]
    )
