"""A real package: every third-party module the code imports is a declared dependency, and a version to show."""

from __future__ import annotations

import ast
import re
import sys
from importlib import metadata
from pathlib import Path

import voiceofbuyer

PACKAGE = Path(voiceofbuyer.__file__).parent


def _imported_top_level_modules() -> set[str]:
    modules: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                modules.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules.add(node.module.split(".")[0])
    return modules - set(sys.stdlib_module_names) - {"voiceofbuyer", "__future__"}


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_every_imported_module_is_a_declared_dependency():
    """Required dependencies, or an optional extra's (``ray``: imported only by ``--engine ray``); never one that
    only the ``dev`` extra (tests, linters) brings."""
    requires = metadata.requires("voiceofbuyer") or []
    runtime = [r for r in requires if "extra ==" not in r or ("extra == " in r and "dev" not in r.split("extra ==")[1])]
    declared = {_normalise(re.split(r"[ ;<>=!~\[]", r, maxsplit=1)[0]) for r in runtime}
    providers = metadata.packages_distributions()
    undeclared = {
        module: providers.get(module, ["?"])
        for module in _imported_top_level_modules()
        if not any(_normalise(d) in declared for d in providers.get(module, []))
    }
    assert undeclared == {}, f"imported but not in pyproject's dependencies: {undeclared}"


def test_the_package_has_a_version():
    assert voiceofbuyer.__version__ == metadata.version("voiceofbuyer")
