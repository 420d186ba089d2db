"""Dependencies point one way: knowledge/ is the ground floor; actions/ and bot/ never import each other."""
import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FORBIDDEN = {
    "knowledge": {"rasa", "rasa_sdk", "actions", "bot", "telegram"},
    "actions": {"bot", "telegram"},
    "bot/telegram": {"rasa", "rasa_sdk", "actions"},
}


def imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    roots = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import)
             for alias in node.names}
    roots |= {node.module.split(".")[0] for node in ast.walk(tree)
              if isinstance(node, ast.ImportFrom) and node.module and node.level == 0}
    return roots


@pytest.mark.parametrize("folder", sorted(FORBIDDEN))
def test_a_folder_imports_nothing_above_it(folder):
    offenders = {str(path.relative_to(ROOT)): sorted(imported_roots(path) & FORBIDDEN[folder])
                 for path in (ROOT / folder).rglob("*.py")}
    assert not {k: v for k, v in offenders.items() if v}
