"""The cohort's settings (cohort.yaml), read the same way by the hub's configuration and by the
one-time set-up. Only the standard library and PyYAML: the hub may run in its own Python environment
(The Littlest JupyterHub does), where the kit is not installed. PyYAML comes with JupyterHub."""

from __future__ import annotations

import pwd
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import yaml

DEPLOY = Path(__file__).resolve().parent
KIT = DEPLOY.parent

# A hub user name that is also a safe Unix account name, and that nbgrader accepts as a student id
# (it refuses "+" and "*").
_NAME = re.compile(r"^[a-z_][a-z0-9_-]{0,31}$")
_SIZE = re.compile(r"^\d+(\.\d+)?[KMGT]$")


class CohortSettingsError(ValueError):
    """cohort.yaml cannot be used; the message says which file and which field."""


#: How trainers reach the grading tools: "service" when the hub and every server share one machine
#: (TLJH, or a plain hub), "shared-server" when servers run elsewhere (Kubernetes).
GRADINGS = ("service", "shared-server")
# the folder in each learner's and trainer's home that holds their own copy of the course notebooks
LEARNERS_COPY = "irt-course"
# what the kit's exercises/ folder may hold that is not the course: generated, or learners' work
NOT_THE_COURSE = ("release", "submitted", "autograded", "feedback", "exchange", "downloaded", "gradebook.db", "*.csv")


def copy_course(kit: Path, to: Path) -> None:
    """The trainers' course folder from the kit's exercises/: sources, hidden tests, nbgrader settings."""
    shutil.copytree(kit / "exercises", to, ignore=shutil.ignore_patterns(*NOT_THE_COURSE))


@dataclass(frozen=True)
class Cohort:
    course_id: str = "irt-academy"
    grading: str = "service"
    grader_account: str = "grader-irt-academy"
    trainers: list[str] = field(default_factory=list)
    learners: list[str] = field(default_factory=list)
    exchange: Path = Path("/srv/nbgrader/exchange")
    kit: Path = KIT
    memory_limit: str = "1G"
    idle_timeout_minutes: int = 60
    kernel_idle_minutes: int = 20
    max_servers: int = 0
    grader_port: int = 9999
    demo_port: int = 0
    demo_account: str = "nobody"
    demo_home: Path = Path("/var/lib/irt-academy-demo")

    @property
    def course_dir(self) -> Path:
        """The trainers' course folder, in the grader account's home: source with worked answers and
        hidden tests, and the gradebook; nobody else may read it."""
        try:
            return Path(pwd.getpwnam(self.grader_account).pw_dir) / self.course_id
        except KeyError:
            raise CohortSettingsError(f"the grader account {self.grader_account} does not exist yet: run "
                                      "deploy/setup_cohort.py as root first") from None

    @property
    def kit_bin(self) -> Path:
        return self.kit / ".venv" / "bin"


def load(path: Path | str) -> Cohort:
    path = Path(path)
    where = str(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except OSError as e:
        raise CohortSettingsError(f"{where}: cannot read the cohort settings ({e.strerror})") from e
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = f", line {mark.line + 1}" if mark else ""
        raise CohortSettingsError(f"{where}{line}: not valid YAML ({getattr(e, 'problem', e)})") from e
    if not isinstance(raw, dict):
        raise CohortSettingsError(f"{where}: expected settings as 'name: value' lines")
    known = set(Cohort.__dataclass_fields__)
    unknown = sorted(set(raw) - known)
    if unknown:
        raise CohortSettingsError(f"{where}: unknown setting {', '.join(unknown)} (known: {', '.join(sorted(known))})")

    def name(key: str, value) -> str:
        if not isinstance(value, str) or not _NAME.match(value):
            raise CohortSettingsError(f"{where}, {key}: {value!r} is not a usable account name (lower-case "
                                      "letters, digits, '-' and '_', starting with a letter, at most 32)")
        return value

    def names(key: str) -> list[str]:
        value = raw.get(key) or []
        if not isinstance(value, list):
            raise CohortSettingsError(f"{where}, {key}: expected a list of user names, one per '- name' line")
        return [name(f"{key}[{i + 1}]", v) for i, v in enumerate(value)]

    def number(key: str, default: int) -> int:
        value = raw.get(key, default)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise CohortSettingsError(f"{where}, {key}: expected a whole number of 0 or more, not {value!r}")
        return value

    settings = Cohort(
        course_id=name("course_id", raw.get("course_id", Cohort.course_id)),
        grading=str(raw.get("grading", Cohort.grading)),
        grader_account=name("grader_account", raw.get("grader_account", Cohort.grader_account)),
        trainers=names("trainers"),
        learners=names("learners"),
        exchange=Path(str(raw.get("exchange", Cohort.exchange))),
        kit=Path(str(raw.get("kit", KIT))),
        memory_limit=str(raw.get("memory_limit", Cohort.memory_limit)),
        idle_timeout_minutes=number("idle_timeout_minutes", Cohort.idle_timeout_minutes),
        kernel_idle_minutes=number("kernel_idle_minutes", Cohort.kernel_idle_minutes),
        max_servers=number("max_servers", Cohort.max_servers),
        grader_port=number("grader_port", Cohort.grader_port),
        demo_port=number("demo_port", Cohort.demo_port),
        demo_account=name("demo_account", raw.get("demo_account", Cohort.demo_account)),
        demo_home=Path(str(raw.get("demo_home", Cohort.demo_home))),
    )
    if settings.grading not in GRADINGS:
        raise CohortSettingsError(f"{where}, grading: expected one of {', '.join(GRADINGS)}, not {settings.grading!r}")
    if not _SIZE.match(settings.memory_limit):
        raise CohortSettingsError(f"{where}, memory_limit: expected a size such as 1G or 800M, not {settings.memory_limit!r}")
    for key in ("exchange", "kit", "demo_home"):
        if not getattr(settings, key).is_absolute():
            raise CohortSettingsError(f"{where}, {key}: expected a full path starting with /")
    both = sorted(set(settings.trainers) & set(settings.learners))
    if both:
        raise CohortSettingsError(f"{where}: {', '.join(both)} listed both as trainer and as learner")
    if settings.grader_account in settings.learners:
        raise CohortSettingsError(f"{where}: the grader account {settings.grader_account} is also a learner")
    return settings
