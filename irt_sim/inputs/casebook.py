"""Load and validate a casebook folder: community.yaml, programs/, customers/ and plans/.

Every file is read on its own. A file with problems is left out and its problems are kept,
so one broken case never stops the rest: ``load_casebook`` always returns a ``Casebook``, and
``Casebook.problems`` lists every problem found, each naming file, line and field.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from pydantic import BaseModel

from ..model import AgencyProfile, Community, Customer, Plan, Program, Service
from .problems import FieldPath, Problem, describe_path, display_path
from .inputfile import NotAFile, read_input
from .yamlfile import CasebookError, InputError, Loaded, M, parse_document, read_yaml

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


#: Checks that the packages above the loader add for one kind of file (the IPS tools check an
#: agency's components against the fidelity scale, which the loader knows nothing of). Each takes
#: the loaded object and returns (field path, message) for each slip; a file with a slip is left out.
Check = Callable[[BaseModel], "list[tuple[FieldPath, str]]"]
CHECKS: dict[str, list[Check]] = {kind: [] for kind in KINDS}


def add_check(kind: str, check: Check) -> None:
    """Have every file of ``kind`` checked by ``check`` as it loads (see CHECKS)."""
    CHECKS[kind].append(check)


def load_file(path: str | Path, model: type[M], *, root: Path | None = None, cache: bool = True,
              within: Path | None = None) -> Loaded:
    """Read and validate one file; the file name (without .yaml) is the object's id. ``within``: the
    casebook folder the file must stay inside (see read_input)."""
    path = Path(path)
    shown = display_path(path, root)
    try:
        text = read_input(path, within)
    except FileNotFoundError:
        raise CasebookError([Problem(file=shown, message="the file does not exist.")]) from None
    except UnicodeDecodeError:
        raise CasebookError([Problem(file=shown, message="the file is not plain text (UTF-8); save it again as UTF-8 text.")]) from None
    except NotAFile as exc:
        raise CasebookError([Problem(file=shown, message=str(exc))]) from None
    except OSError as exc:
        raise CasebookError([Problem(file=shown, message=f"the file cannot be read ({exc.strerror}).")]) from None
    try:
        return parse_document(text, model, shown, doc_id=path.stem, cache=cache)
    except InputError as exc:
        raise CasebookError(_attendee_hints(exc.problems, text, shown) if model is Plan else exc.problems) from None


#: The plan fields that name an attendee by id.
_ATTENDEE_FIELDS = ("point_of_contact", "customer_raises_issues_with", "partner", "coordinated_with", "responsible")


def _attendee_hints(problems: list[Problem], text: str, file: str) -> list[Problem]:
    """A name written where a plan wants an attendee's id: say which ids there are, and which one the name is."""
    import dataclasses

    try:
        data, _ = read_yaml(text, file)
        people = [a for a in (data or {}).get("attendees") or [] if isinstance(a, dict) and a.get("id")]
    except (InputError, AttributeError):
        return problems
    out = []
    for p in problems:
        parts = [x.strip() for x in (p.field or "").split("›")]
        if "valid id" in p.message and any(f in parts for f in _ATTENDEE_FIELDS) and people:
            value = p.message.split("'")[1] if "'" in p.message else ""
            words = set(value.lower().replace(",", " ").split())
            match = [a for a in people if words and words & set(f"{a.get('name', '')} {a.get('role', '')}".lower().split())
                     and len(words & set(f"{a.get('name', '')} {a.get('role', '')}".lower().split())) >= min(2, len(words))]
            hint = (f" Did you mean '{match[0]['id']}' ({match[0].get('name')}, {match[0].get('role')})?"
                    if len(match) == 1 else "")
            ids = ", ".join(str(a["id"]) for a in people)
            p = dataclasses.replace(p, message=f"'{value}' is not an attendee's id: write the id of the attendee, as the "
                                               f"attendees list gives it ({ids}).{hint}")
        out.append(p)
    return out


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

    def program_of(self, plan: Plan, partner_id: str | None) -> Program | None:
        """The program a plan's attendee sits for (None for the customer, family, or an unknown id)."""
        attendee = plan.attendee(partner_id)
        return self.program(attendee.program) if attendee and attendee.program else None

    def service_for(self, plan: Plan, partner_id: str | None, service_id: str) -> Service | None:
        """The service a commitment of ``plan`` names: the partner's program's service ``service_id``."""
        program = self.program_of(plan, partner_id)
        return program.service(service_id) if program else None

    def caseload_file(self, agency_id: str) -> Path:
        """Where an agency's caseload is kept: beside its profile, as ``agencies/<id>-caseload.csv``."""
        return self.root / "agencies" / f"{agency_id}-caseload.csv"

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
    With ``cache``, a file parsed before comes from the parse cache (irt_sim.inputs.cache)."""
    root = Path(root) if root is not None else default_casebook_dir()
    return _load(root, cache)


def _load(root: Path, cache: bool = True) -> Casebook:
    book = Casebook(root=root)
    if not root.is_dir():
        book.problems.append(Problem(file=str(root), message="this casebook folder does not exist."))
        return book

    def shown(p: Path) -> str:
        return display_path(p, root.parent)

    community_file = root / "community.yaml"
    try:
        loaded = load_file(community_file, Community, root=root.parent, cache=cache, within=root)
        book.community = loaded.obj
        book.sources[("community", "community")] = loaded
    except CasebookError as exc:
        book.problems.extend(exc.problems)

    for kind in ("program", "customer", "plan", "agency"):
        model, folder = KINDS[kind]
        files = _yaml_files(root / folder)
        if not files and kind in ("program", "customer"):  # a new community starts with these; plans and agencies may follow
            book.problems.append(Problem(file=shown(root / folder), message=f"no {kind} files found (expected *.yaml files here)."))
        for path in files:
            try:
                loaded = load_file(path, model, root=root.parent, cache=cache, within=root)
            except CasebookError as exc:
                book.problems.extend(exc.problems)
                book.failed.add((kind, path.stem))
                continue
            refs = reference_problems(loaded, book)
            if refs:
                book.problems.extend(refs)
                book.failed.add((kind, path.stem))
                continue
            book.problems.extend(source_problems(loaded))  # reported; the program is still used
            getattr(book, folder)[loaded.obj.id] = loaded.obj
            book.sources[(kind, loaded.obj.id)] = loaded
    return book


def source_problems(loaded: Loaded) -> list[Problem]:
    """A program's rule figures that name no source (every figure a rule rests on says where it comes from),
    and a WIOA core program whose measures leave out a primary indicator."""
    if not isinstance(loaded.obj, Program):
        return []
    from .program_figures import figure, figures_of, source_for
    from ..words import fold

    out = []
    program = loaded.obj
    if program.rules and program.rules.wioa_core:
        have = {fold(m) for m in (program.outcome.measures if program.outcome else [])}
        missing = [i for i in figure("wioa.primary_indicators").value if fold(i) not in have]
        if missing:
            out.append(Problem(file=loaded.file, line=loaded.line(("outcome", "measures")), field="outcome.measures",
                               message="a WIOA core program is measured on the six primary indicators of performance "
                                       "(WIOA sec. 116(b)(2)(A)); add to outcome.measures: "
                                       + "; ".join(f"'{m}'" for m in missing) + "."))
    for path, value in figures_of(loaded.obj):
        if source_for(loaded.obj, path) is None:
            shown = ", ".join(map(str, value)) if isinstance(value, list) else value
            out.append(Problem(file=loaded.file, line=loaded.line(tuple(path.split("."))), field=path,
                               message=f"this figure ({shown}) names no source: add an entry under sources with "
                                       f"figure: {path}, where it comes from (ref) and how sure you are (confidence)."))
    return out


def reference_problems(loaded: Loaded, book: Casebook) -> list[Problem]:
    """Names in a file that point at nothing in the casebook (a program or customer that does not exist)."""
    obj = loaded.obj
    refs: list[tuple[FieldPath, str, str]] = []  # (path, kind, id)
    if isinstance(obj, Customer):
        refs += [(("systems_used", i), "program", p) for i, p in enumerate(obj.systems_used)]
        refs += [(("eligibility", p), "program", p) for p in obj.eligibility]
        refs += [(("releases", i) if isinstance(r, str) else ("releases", i, "to"), "program", p)
                 for i, (r, p) in enumerate(zip(obj.releases, obj.released_to))]
    elif isinstance(obj, Plan):
        refs.append((("customer",), "customer", obj.customer))
        refs += [(("attendees", i, "program"), "program", a.program) for i, a in enumerate(obj.attendees) if a.program]
        refs += [(("action_items", i, "apply_for"), "program", a.apply_for) for i, a in enumerate(obj.action_items) if a.apply_for]
    kind_of = next((k for k, (model, _) in KINDS.items() if isinstance(obj, model)), None)
    out = [Problem(file=loaded.file, line=loaded.line(path), field=describe_path(path), message=f"{slip}.")
           for check in CHECKS.get(kind_of, []) for path, slip in check(obj)]
    if out:
        return out
    for path, kind, ref in refs:
        known = book.programs if kind == "program" else book.customers
        if ref in known or (kind, ref) in book.failed:
            continue  # a reference to a file that failed is not a second problem: that file's own problems say why
        hint = _near(ref, known)
        if kind == "program" and ref == "natural-supports":  # family and friends are a program file too
            hint = (": family and friends sit at the table under a program file of their own; copy "
                    "programs/natural-supports.yaml from the kit's casebook into this one")
        out.append(Problem(file=loaded.file, line=loaded.line(path), field=describe_path(path),
                           message=f"there is no {kind} '{ref}' in the casebook{hint}."))
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
    for base in (here, *here.parents, Path(__file__).resolve().parents[2]):  # irt_sim/inputs/ -> the kit
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
