"""Dependencies point one way: core ← authz ← accounts ← records ← plan ← figures ← reports ← app.

Every import under backend/app counts, at module level or inside a function (a deferred import is still a
dependency; it only hides a cycle from the interpreter). `if TYPE_CHECKING:` imports count too — none is
needed today, and allowing them would let an annotation name a type from a layer the code may not use.

- Each top-level package (or entry module) of `app` belongs to exactly one layer below; a new one fails
  until it is placed.
- A module imports only from its own layer or lower ones.
- No two modules import each other, directly or through others (no cycle in the module graph).
- Within a layer the packages form no cycle either, except through another package's `models` module or
  its `visibility` clause: reading a sibling's tables is how records of one layer join (a visit names its
  enterprise, merging enterprises moves the visits), but a package never calls
  back into the services of one that calls it.
"""

import ast
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

APP = Path(__file__).resolve().parents[1] / "backend" / "app"

LAYERS: list[tuple[str, frozenset[str]]] = [
    ("core", frozenset({"core"})),  # settings, database, errors, types, labels: imports nothing of the app
    ("authz", frozenset({"authz"})),  # who is calling and what they may do
    ("accounts", frozenset({"users", "units", "clients", "auth", "idempotency", "audit"})),
    ("records", frozenset({"records", "enterprises", "leads", "visits", "events", "funds", "projects"})),
    ("kinds", frozenset({"kinds", "attachments", "feed"})),  # what serves every record kind, from their definitions
    ("integration", frozenset({"webhooks"})),  # deliveries of the feed's changes to other systems
    ("plan", frozenset({"targets"})),  # the plan's targets and counting rules
    ("figures", frozenset({"progress", "verification", "conflicts"})),
    ("reports", frozenset({"quarters", "assessment", "notices", "coordination"})),
    ("app", frozenset({"main", "asgi", "cli", "worker", "models", "hooks", "seed", "backup", "__init__"})),
]

# Imports that break the layering today, each with the change that removes it.
TEMPORARY: dict[tuple[str, str], str] = {}
# A sibling's modules that only describe its tables: the models, and who may read its rows (`visibility`,
# built from the models and `authz.scoping` alone; a project visible through its event, say).
TABLE_READS = frozenset({"models", "visibility"})


def _module_name(path: Path) -> str:
    parts = path.relative_to(APP.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in APP.rglob("*.py")}


def _imports(name: str, path: Path, known: set[str]) -> Iterator[str]:
    """The app modules `name` imports, anywhere in its body."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            # `from app.x import y` imports module app.x.y when it is one, else a name of app.x
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names]
        else:
            continue
        for target in targets:
            while target and target not in known:  # `import app.x.y` binds app.x.y; a name resolves upward
                target = target.rpartition(".")[0]
            if target.startswith("app.") and target != name:
                yield target


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    known = set(modules)
    return {name: set(_imports(name, path, known)) for name, path in modules.items()}


def _package(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _layer_of() -> dict[str, int]:
    return {package: index for index, (_, packages) in enumerate(LAYERS) for package in packages}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one node (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def _edges() -> dict[str, set[str]]:
    return {src: {dst for dst in dsts if (src, dst) not in TEMPORARY} for src, dsts in _graph().items()}


def test_every_package_has_a_layer() -> None:
    layer_of = _layer_of()
    assert sorted({_package(m) for m in _graph()} - set(layer_of)) == []
    assert sum(len(packages) for _, packages in LAYERS) == len(layer_of), "a package is in two layers"


def test_no_upward_import() -> None:
    layer_of = _layer_of()
    upward = sorted(f"{src} → {dst} ({LAYERS[layer_of[_package(src)]][0]} → {LAYERS[layer_of[_package(dst)]][0]})"
                    for src, dsts in _edges().items() for dst in dsts
                    if layer_of[_package(dst)] > layer_of[_package(src)])
    assert upward == []


def test_no_module_cycle() -> None:
    assert _cycles(_edges()) == []


def test_no_package_cycle_within_a_layer() -> None:
    layer_of = _layer_of()
    packages: dict[str, set[str]] = defaultdict(set)
    for src, dsts in _edges().items():
        for dst in dsts:
            same_layer = layer_of[_package(dst)] == layer_of[_package(src)]
            if same_layer and _package(dst) != _package(src) and dst.rpartition(".")[2] not in TABLE_READS:
                packages[_package(src)].add(_package(dst))
    assert _cycles(packages) == []


def test_temporary_exceptions_are_still_needed() -> None:
    """An exception whose import is gone must be deleted, so the list cannot silently grow stale."""
    graph = _graph()
    assert sorted(f"{s} → {d}" for s, d in TEMPORARY if d not in graph.get(s, set())) == []


def test_the_walk_sees_imports_inside_functions(tmp_path: Path) -> None:
    """Guard for the walker itself: a deferred import of a higher layer is an edge like any other."""
    probe = tmp_path / "probe.py"
    probe.write_text("def f():\n    from app.progress.metrics import REGISTRY\n    return REGISTRY\n", encoding="utf-8")
    assert list(_imports("app.core.probe", probe, set(_modules()))) == ["app.progress.metrics"]
