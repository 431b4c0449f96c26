"""Paths that are not the SPA's answer 404 problem+json, so a probe or scraper never mistakes the page for health."""

import pytest


@pytest.mark.parametrize("path", ["/api/v1/no-such-thing", "/api", "/healthz", "/metrics", "/readyz", "/healthz/"])
def test_non_spa_paths_are_problem_404(client, path):
    r = client.get(path)
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("application/problem+json")


def test_spa_routes_still_serve_the_page(client):
    r = client.get("/projects/12")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
