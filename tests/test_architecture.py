"""The layout rules of docs/architecture.md that a machine can check."""
import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "factcheck"
AREAS = ["auth", "documents", "review", "publish", "dashboard", "admin", "tracking", "datasets",
         "api"]
NO_SERVICES = {"dashboard", "api"}  # read only; the API calls the other areas' services
REQUEST_STATE = {"request", "session", "flash", "g"}


def _modules(folder: Path):
    return sorted(p for p in folder.rglob("*.py") if "translations" not in p.parts)


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _imported(path: Path) -> set[str]:
    """Absolute dotted names of the modules ``path`` imports (relative imports resolved)."""
    package = path.relative_to(PACKAGE.parent).with_suffix("").parts
    package = package[:-1] if package[-1] != "__init__" else package[:-1]
    names = set()
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = list(package[:len(package) - node.level + 1]) if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


def _service_modules():
    for area in AREAS:
        folder = PACKAGE / area
        yield from ([folder / "services.py"] if (folder / "services.py").exists()
                    else _modules(folder / "services"))


@pytest.mark.parametrize("area", AREAS)
def test_each_area_has_its_blueprint_in_the_package_and_routes_beside_it(area):
    folder = PACKAGE / area
    init = (folder / "__init__.py").read_text(encoding="utf-8")
    assert "Blueprint(" in init, f"{area}: the blueprint belongs in {area}/__init__.py"
    assert (folder / "routes.py").exists() or (folder / "routes").is_dir()
    assert (folder / "services.py").exists() or (folder / "services").is_dir() \
        or area in NO_SERVICES, f"{area} has no services module"


@pytest.mark.parametrize("path", list(_service_modules()),
                         ids=lambda p: str(p.relative_to(PACKAGE)))
def test_services_never_touch_the_request_nor_commit(path):
    imported = _imported(path)
    touched = {name.split(".")[-1] for name in imported if name.startswith("flask.")}
    assert not touched & REQUEST_STATE, f"{path.name} imports {touched & REQUEST_STATE}"
    source = path.read_text(encoding="utf-8")
    assert ".commit()" not in source, f"{path.name} commits: the view or command does"


def test_extraction_needs_neither_flask_nor_the_rest_of_the_app():
    for path in _modules(PACKAGE / "extraction"):
        for name in _imported(path):
            assert not name.startswith(("flask", "sqlalchemy", "werkzeug")), (path, name)
            if name.startswith("factcheck."):
                assert name.startswith("factcheck.extraction"), (path, name)


def test_the_matcher_is_pure_like_extraction():
    for path in _modules(PACKAGE / "tracking" / "matching"):
        for name in _imported(path):
            assert not name.startswith(("flask", "sqlalchemy", "werkzeug")), (path, name)
            if name.startswith("factcheck."):
                assert name.startswith(("factcheck.extraction", "factcheck.tracking.matching")), \
                    (path, name)


def test_models_import_no_area():
    for path in _modules(PACKAGE / "models"):
        for name in _imported(path):
            assert not name.startswith(tuple(f"factcheck.{a}" for a in AREAS)), (path, name)


def test_no_module_reaches_into_another_areas_views_or_forms():
    for path in _modules(PACKAGE):
        own = path.relative_to(PACKAGE).parts[0]
        if own == "__init__.py":  # create_app registers every area's blueprint
            continue
        for name in _imported(path):
            parts = name.split(".")
            if len(parts) >= 3 and parts[0] == "factcheck" and parts[1] in AREAS \
                    and parts[1] != own and parts[2] in ("routes", "forms"):
                raise AssertionError(f"{path.relative_to(PACKAGE)} imports {name}")
