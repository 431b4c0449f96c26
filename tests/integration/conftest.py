"""The live server and a client generated from its spec, shared by the integration tests of a session."""

from collections.abc import Iterator
from types import ModuleType

import pytest

from tests.integration.generated_client import generate
from tests.live_server import run_live_server


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from run_live_server(tmp_path_factory)


@pytest.fixture(scope="session")
def api_package(live_server: str, tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    return generate(live_server, tmp_path_factory.mktemp("generated"))


@pytest.fixture(scope="session")
def admin_client(live_server: str, api_package: ModuleType):  # noqa: ANN201 - a type of the generated package
    """The generated client signed in as the demo admin (password grant), to register API clients."""
    from zs_api_client import AuthenticatedClient, Client
    from zs_api_client.api.auth import token
    from zs_api_client.models import BodyToken, TokenResponse

    anonymous = Client(base_url=live_server)
    answer = token.sync(client=anonymous, body=BodyToken(grant_type="password", username="admin",
                                                          password="zhaoshang-demo"))
    assert isinstance(answer, TokenResponse), answer
    return AuthenticatedClient(base_url=live_server, token=answer.access_token)
