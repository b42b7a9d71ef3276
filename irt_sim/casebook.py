"""Load and validate a casebook folder: community.yaml, programs/, customers/ and plans/.

Every file is read on its own. A file with problems is left out and its problems are kept,
so one broken case never stops the rest: ``load_casebook`` always returns a ``Casebook``, and
``Casebook.problems`` lists every problem found, each naming file, line and field.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .ips.profile import AgencyProfile
from .model import Community, Customer, Plan, Program
from .problems import FieldPath, Problem, describe_path, display_path
from .yamlfile import CasebookError, Loaded, M, parse_document, read_yaml

__all__ = ["CasebookError", "Casebook", "KINDS", "Loaded", "load_casebook", "load_file", "load_plan",
           "parse_document", "read_yaml"]

#: The casebook's file kinds: model, folder (None for the single community file). Objects of a
#: kind are kept in the Casebook attribute named like the folder.
KINDS: dict[str, tuple[type[BaseModel], str | None]] = {
    "community": (Community, None),
    "program": (Program, "programs"),
    "customer": (Customer, "customers"),
    "plan": (Plan, "plans"),
    "agency": (AgencyProfile, "agencies"),
}


def load_file(path: str | Path, model: type[M], *, root: Path | None = None) -> Loaded:
    """Read and validate one file; the file name (without .yaml) is the object's id."""
    path = Path(path)
    shown = display_path(path, root)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CasebookError([Problem(file=shown, message="the file does not exist.")]) from None
    except UnicodeDecodeError:
        raise CasebookError([Problem(file=shown, message="the file is not plain text (UTF-8); save it again as UTF-8 text.")]) from None
    except OSError as exc:
        raise CasebookError([Problem(file=shown, message=f"the file cannot be read ({exc.strerror}).")]) from None
    return parse_document(text, model, shown, doc_id=path.stem)


# --- the casebook ---------------------------------------------------------------------------


@dataclass
class Casebook:
    """Everything that loaded from one casebook folder, plus every problem found on the way."""

    root: Path
    community: Community | None = None
    programs: dict[str, Program] = field(default_factory=dict)
    customers: dict[str, Customer] = field(default_factory=dict)
    plans: dict[str, Plan] = field(default_factory=dict)
    agencies: dict[str, AgencyProfile] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    sources: dict[tuple[str, str], Loaded] = field(default_factory=dict)  # (kind, id) -> where it came from
    failed: set[tuple[str, str]] = field(default_factory=set)  # (kind, id) of files left out for their problems

    @property
    def ok(self) -> bool:
        return not self.problems

    def program(self, program_id: str | None) -> Program | None:
        return self.programs.get(program_id or "")

    def customer(self, customer_id: str) -> Customer | None:
        return self.customers.get(customer_id)

    def loaded(self, kind: str, obj_id: str) -> Loaded | None:
        return self.sources.get((kind, obj_id))

    @property
    def minimum_wage(self) -> float | None:
        return self.community.minimum_wage if self.community else None


def _yaml_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and not p.name.startswith("."))


def load_casebook(root: str | Path | None = None, *, cache: bool = True) -> Casebook:
    """Load a whole casebook folder. Never raises for bad content: see ``Casebook.problems``.
    With ``cache``, an unchanged casebook comes from the load cache (irt_sim.loadcache)."""
    root = Path(root) if root is not None else default_casebook_dir()
    if cache and root.is_dir():
        from .loadcache import cached

        return cached(root, lambda: _load(root))
    return _load(root)


def _load(root: Path) -> Casebook:
    book = Casebook(root=root)
    if not root.is_dir():
        book.problems.append(Problem(file=str(root), message="this casebook folder does not exist."))
        return book

    def shown(p: Path) -> str:
        return display_path(p, root.parent)

    community_file = root / "community.yaml"
    try:
        loaded = load_file(community_file, Community, root=root.parent)
        book.community = loaded.obj
        book.sources[("community", "community")] = loaded
    except CasebookError as exc:
        book.problems.extend(exc.problems)

    for kind in ("program", "customer", "plan", "agency"):
        model, folder = KINDS[kind]
        files = _yaml_files(root / folder)
        if not files:
            book.problems.append(Problem(file=shown(root / folder), message=f"no {kind} files found (expected *.yaml files here)."))
        for path in files:
            try:
                loaded = load_file(path, model, root=root.parent)
            except CasebookError as exc:
                book.problems.extend(exc.problems)
                book.failed.add((kind, path.stem))
                continue
            refs = reference_problems(loaded, book)
            if refs:
                book.problems.extend(refs)
                book.failed.add((kind, path.stem))
                continue
            getattr(book, folder)[loaded.obj.id] = loaded.obj
            book.sources[(kind, loaded.obj.id)] = loaded
    return book


def reference_problems(loaded: Loaded, book: Casebook) -> list[Problem]:
    """Names in a file that point at nothing in the casebook (a program or customer that does not exist)."""
    obj = loaded.obj
    refs: list[tuple[FieldPath, str, str]] = []  # (path, kind, id)
    if isinstance(obj, Customer):
        refs += [(("systems_used", i), "program", p) for i, p in enumerate(obj.systems_used)]
        refs += [(("eligibility", p), "program", p) for p in obj.eligibility]
        refs += [(("releases", i), "program", p) for i, p in enumerate(obj.releases)]
    elif isinstance(obj, AgencyProfile):
        from .ips.fidelity import unknown_components  # the scale reads its own data file

        return [Problem(file=loaded.file, line=loaded.line(("components",)), field="components",
                        message=f"{slip}.") for slip in unknown_components(obj)]
    elif isinstance(obj, Plan):
        refs.append((("customer",), "customer", obj.customer))
        refs += [(("attendees", i, "program"), "program", a.program) for i, a in enumerate(obj.attendees) if a.program]
        refs += [(("action_items", i, "apply_for"), "program", a.apply_for) for i, a in enumerate(obj.action_items) if a.apply_for]
    out = []
    for path, kind, ref in refs:
        known = book.programs if kind == "program" else book.customers
        if ref in known or (kind, ref) in book.failed:
            continue  # a reference to a file that failed is not a second problem: that file's own problems say why
        out.append(Problem(file=loaded.file, line=loaded.line(path), field=describe_path(path),
                           message=f"there is no {kind} '{ref}' in the casebook{_near(ref, known)}."))
    return out


def _near(word: str, known: dict[str, Any]) -> str:
    import difflib

    close = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def load_plan(path: str | Path, book: Casebook) -> Loaded:
    """Load one plan file against a casebook (for the CLI and the course). Raises CasebookError."""
    loaded = load_file(path, Plan)
    refs = reference_problems(loaded, book)
    if refs:
        raise CasebookError(refs)
    return loaded


# --- where things are -----------------------------------------------------------------------


def kit_root() -> Path | None:
    """The kit's folder (the one with casebook/ and course/), looking from here and from the package."""
    here = Path.cwd().resolve()
    for base in (here, *here.parents, Path(__file__).resolve().parent.parent):
        if (base / "casebook" / "programs").is_dir():
            return base
    return None


def default_casebook_dir() -> Path:
    env = os.environ.get("IRT_ACADEMY_CASEBOOK")
    if env:
        return Path(env)
    root = kit_root()
    return root / "casebook" if root else Path("casebook")


def casebook_for_plan(plan_path: Path) -> Path:
    """A plan inside a casebook's plans/ folder is checked against that casebook."""
    parent = plan_path.resolve().parent
    if parent.name == "plans" and (parent.parent / "programs").is_dir():
        return parent.parent
    return default_casebook_dir()
