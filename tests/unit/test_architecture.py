"""The layering the README states, and the type checker, checked in the suite (and so in CI).

`lint-imports` reads the contracts in pyproject.toml; `mypy` reads its settings there too.
Both run in subprocesses so that a broken contract or a type error fails this test with
the tool's own report.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False
    )


def _tool(name: str) -> str:
    """The tool installed beside this Python (the `test` extra brings it)."""
    here = Path(sys.executable).parent / name
    found = str(here) if here.exists() else shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed: pip install -e '.[test]'")
    return found


def test_import_contracts_are_kept() -> None:
    done = _run(_tool("lint-imports"), "--no-cache")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


def test_every_core_module_is_under_the_contracts() -> None:
    """A new top-level module must be placed in a layer, or the contracts say nothing of it."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    core = next(c for c in contracts if c["name"].startswith("The core never imports"))
    listed = set(core["source_modules"])
    package = ROOT / "tracker"
    modules = {
        f"tracker.{p.stem if p.is_file() else p.name}"
        for p in package.iterdir()
        if (p.suffix == ".py" and p.stem not in {"__init__", "__main__"})
        or (p.is_dir() and (p / "__init__.py").exists())
    }
    assert modules - {"tracker.cli", "tracker.tui"} - listed == set()


def test_type_checker_is_clean() -> None:
    done = _run(sys.executable, "-m", "mypy")
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_readme_layout_names_every_module_and_only_modules_that_exist() -> None:
    text = (ROOT / "README.md").read_text("utf-8")
    layout = text[text.index("## Layout") :]
    layout = layout[: layout.find("\n## ", 1) if "\n## " in layout[1:] else len(layout)]
    named = {n.rstrip("/") for n in re.findall(r"`(tracker/[\w/]+(?:\.py)?/?)`", layout)}
    assert named, "the Layout section names no module"
    missing = sorted(n for n in named if not (ROOT / n).exists())
    assert missing == [], f"the README's layout names what is not in the tree: {missing}"
    package = ROOT / "tracker"
    tree = {
        f"tracker/{p.name}"
        for p in package.iterdir()
        if (p.suffix == ".py" and p.stem not in {"__init__", "__main__"})
        or (p.is_dir() and (p / "__init__.py").exists())
    }
    unnamed = sorted(t for t in tree if not any(n == t or n.startswith(t + "/") for n in named))
    assert unnamed == [], f"the README's layout leaves out {unnamed}"


BLOCKER = """
import importlib.abc, sys

class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {"sqlalchemy", "textual", "alembic"}:
            raise ImportError(f"{name} is blocked in this test")
        return None

sys.meta_path.insert(0, Block())
import tracker.extract, tracker.attribution, tracker.quotes, tracker.kinds

found = tracker.quotes.extract_quotes('"We will build it," the minister said.')
assert [q.text for q in found] == ["We will build it"], found
assert not {"sqlalchemy", "textual"} & {m.split(".")[0] for m in sys.modules}
print("ok")
"""


def test_text_stages_import_without_sqlalchemy_or_textual() -> None:
    done = _run(sys.executable, "-c", BLOCKER)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip() == "ok"
