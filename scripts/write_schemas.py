"""Regenerate docs/schema/*.schema.json from the content models."""

from pathlib import Path

from guide_app.core.model import KINDS
from guide_app.core.schema import schema_text

OUT = Path(__file__).resolve().parents[1] / "docs" / "schema"

if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    for kind in KINDS:
        (OUT / f"{kind}.schema.json").write_text(schema_text(kind), encoding="utf-8")
        print(OUT / f"{kind}.schema.json")
