#!/usr/bin/env bash
# Creates .venv and installs the backend (with test tools). Quiet and quick when already done.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3.11}
command -v "$PY" >/dev/null 2>&1 || PY=python3
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
stamp=.venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)
if [ ! -f "$stamp" ]; then
  .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip >/dev/null
  .venv/bin/python -m pip install -q --disable-pip-version-check -e ".[dev]"
  rm -f .venv/.installed-*
  touch "$stamp"
fi
# The dispatch report PDF embeds a CJK TrueType font (fonts-wqy-microhei); its tests read it back with poppler's
# pdftotext/pdftoppm. Without the font the PDF falls back to a non-embedded one (see app/quarters/report_pdf.py).
if command -v dpkg >/dev/null 2>&1 && ! dpkg -s fonts-wqy-microhei poppler-utils >/dev/null 2>&1; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  { $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-wqy-microhei poppler-utils >/dev/null 2>&1 \
    || { $sudo apt-get update -qq >/dev/null 2>&1 \
         && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-wqy-microhei poppler-utils \
              >/dev/null 2>&1; }; } \
    || echo "could not install fonts-wqy-microhei and poppler-utils: the report PDF will not embed its font" >&2
fi
