from tests.imports.conftest import checked, commit, workbook


def test_smoke(client, token_for, ent):
    editor = token_for("dcf_editor")
    content = workbook(["企业", "走访日期", "地区", "外部编号"], [
        ["山东示例新材料有限公司", "2019.5.1", "长三角", "A1"],
        ["山东示例新材料有限公司", "2019/5/2", "不存在", "A2"],
    ])
    batch = checked(client, editor, "visits", content)
    print(batch)
    assert batch["status"] == "checked"
    done = commit(client, editor, batch["id"])
    print(done)
    assert done["status"] == "done"
