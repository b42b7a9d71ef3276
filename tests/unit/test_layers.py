"""The house's layers: each part of irt_sim imports only from the parts below it (and from inside
itself), so a maintainer can read it bottom up and change a chart without touching the engines.
Lazy imports inside functions count too."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "irt_sim"

#: Bottom first. Parts in one layer may not import each other.
LAYERS = [
    ["vocab", "words", "_lazy", "safefiles"],  # the domain's words, and helpers that know no domain
    ["model"],  # the domain: typed objects, no I/O
    ["inputs"],  # reading files into the model
    ["checks", "simulator", "ips"],  # the engines
    ["cases"],  # practice customers made to a casebook's rules, confirmed with the checker's outcome rule
    ["documents"],  # plans as documents
    ["display"],  # charts and tables that only draw
    ["academy"],  # the Community Academy day's materials, made from a casebook
    ["widgets", "grading"],  # what course and exercise notebooks call
    ["classroom", "demo"],  # the trainer's grading run, the public pages
    ["generate"],  # the generated reference pages and schemas
    ["cli", "__init__"],  # entry points
]
RANK = {part: i for i, layer in enumerate(LAYERS) for part in layer}


def part_of(module: str) -> str:
    """irt_sim.inputs.casebook -> inputs; irt_sim -> __init__."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def imports(root: Path = PACKAGE) -> list[tuple[str, int, str]]:
    """(file, line, imported module) for every import of the package inside ``root``."""
    found = []
    for file in sorted(root.rglob("*.py")):
        rel = file.relative_to(root.parent).with_suffix("")
        module = ".".join(rel.parts[:-1] if rel.name == "__init__" else rel.parts)
        package = module if rel.name == "__init__" else module.rpartition(".")[0]
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                targets = {target} if node.module else {f"{target}.{a.name}" for a in node.names}
            elif isinstance(node, ast.Import):
                targets = {a.name for a in node.names}
            else:
                continue
            found += [(str(rel), node.lineno, t) for t in sorted(targets) if t.split(".")[0] == root.name]
    return found


def climbs(root: Path = PACKAGE) -> list[str]:
    """Every import that goes beside or above its own layer, as "file:line: what"."""
    out = []
    for file, line, target in imports(root):
        mine, theirs = part_of(file.replace("/", ".")), part_of(target)
        if target == root.name or theirs == mine:
            continue
        if mine not in RANK or theirs not in RANK:
            out.append(f"{file}:{line}: {mine} or {theirs} is in no layer; add it to LAYERS")
        elif RANK[theirs] >= RANK[mine]:
            where = "beside" if RANK[theirs] == RANK[mine] else "above"
            out.append(f"{file}:{line}: {mine} imports {target}, which is {where} it")
    return out


def test_every_part_of_the_package_is_in_a_layer():
    parts = {p.stem if p.is_file() else p.name for p in PACKAGE.iterdir()
             if (p.suffix == ".py" or (p / "__init__.py").exists())}
    assert parts <= set(RANK), sorted(parts - set(RANK))


def test_no_import_climbs_a_layer():
    assert climbs() == []


def test_the_check_catches_an_import_that_climbs(tmp_path):
    """The checker itself, on a made-up package: the model drawing a chart, and two engines that
    lean on each other, are caught; an import from below or from inside is not."""
    made = tmp_path / "irt_sim"
    for name, text in {"model/__init__.py": "from ..display import plots\nfrom ..vocab import Stage\n",
                       "checks/rules.py": "from ..simulator import engine\nfrom .other import x\n",
                       "display/__init__.py": "from ..inputs.casebook import Casebook\n"}.items():
        (made / name).parent.mkdir(parents=True, exist_ok=True)
        (made / name).write_text(text)
    found = climbs(made)
    assert [f.split(": ", 1)[1] for f in found] == [
        "checks imports irt_sim.simulator, which is beside it", "model imports irt_sim.display, which is above it"]


def test_the_top_level_stays_small():
    modules = [p.name for p in PACKAGE.glob("*.py") if p.name != "__init__.py"]
    assert len(modules) <= 10, modules


def test_no_module_is_over_400_lines_but_the_rule_registries():
    registries = {"checks/plan_rules.py", "checks/program_rules.py"}
    long = {str(p.relative_to(PACKAGE)): n for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400}
    assert set(long) <= registries, long
