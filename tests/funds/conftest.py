import pytest

from tests.projects.helpers import create_project


@pytest.fixture
def ent(make_enterprise):
    return make_enterprise("中国重汽集团有限公司", is_central_soe=True)


@pytest.fixture
def new_project(client, token_for, ent, unit):
    """Creates a signed project of the new-materials group landing in 东昌府区 (credited: group 60, 经信委 40)."""
    def make(**extra) -> dict:
        response = create_project(client, token_for("grp01_editor"), ent, unit, **extra)
        assert response.status_code == 201, response.text
        return response.json()
    return make
