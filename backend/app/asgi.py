"""uvicorn entry point: `uvicorn app.asgi:app`."""

import gc

from app.main import create_app

app = create_app()
# What start-up built lives as long as the process: keep it out of the collector's full passes, which would
# otherwise walk it again and again and show up as pauses in the slowest requests.
gc.freeze()
