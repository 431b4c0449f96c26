"""Writes the SPA's enum labels from the backend's catalogue (app/core/labels.py).

`python scripts/gen_labels.py` writes frontend/src/generated/labels.ts; `--check` only says whether the
committed file is stale (exit 1), for `scripts/frontend.sh check api` and tests/core/test_labels.py.
"""

import sys
from pathlib import Path

from app.core.labels import CATALOGUE

OUT = Path(__file__).resolve().parents[1] / "frontend" / "src" / "generated" / "labels.ts"


def _quoted(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def render() -> str:
    def entries(which: int) -> list[str]:
        return [f"  {_quoted(f'{name}.{code}')}: {_quoted(labels[which])},"
                for name, values in CATALOGUE.items() for code, labels in values.items()]

    return "\n".join([
        "// Generated from backend/app/core/labels.py by scripts/gen_labels.py: do not edit here.",
        "// Labels of the API's enum codes, key `<enum>.<code>` (enumLabel(t, 'stage', 'signed') → 签约).",
        "export const zh = {", *entries(0), "} as const;", "",
        "export const en: Record<keyof typeof zh, string> = {", *entries(1), "};", "",
    ])


def main() -> int:
    fresh = render()
    if "--check" in sys.argv[1:]:
        if not OUT.exists() or OUT.read_text(encoding="utf-8") != fresh:
            print(f"{OUT} is stale: run `python scripts/gen_labels.py` and commit it", file=sys.stderr)
            return 1
        return 0
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(fresh, encoding="utf-8")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
