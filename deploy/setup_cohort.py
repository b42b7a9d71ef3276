"""One-time set-up of a cohort on a hub machine, run as root (again after editing cohort.yaml is
harmless: nothing that exists is overwritten).

    sudo <kit>/.venv/bin/python <kit>/deploy/setup_cohort.py [--cohort deploy/cohort.yaml]

- the grader account (no password, no login) with the trainers' course folder in its home: the
  kit's exercises/ (source with worked answers and hidden tests, nbgrader_config.py); the home is
  closed to everyone else, so learners can never read the source, hidden tests or gradebook;
- the exchange folder, which every learner's server can write to but not list (nbgrader then
  opens its own folders inside with the right permissions);
- when the hub runs the demo pages, a private working folder for the demo's account.
"""

from __future__ import annotations

import argparse
import os
import pwd
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cohort_settings import DEPLOY, CohortSettingsError, copy_course, load  # noqa: E402


def ensure_account(name: str) -> pwd.struct_passwd:
    try:
        return pwd.getpwnam(name)
    except KeyError:
        subprocess.run(["useradd", "--create-home", "--shell", "/bin/bash", name], check=True)
        print(f"created the account {name}")
        return pwd.getpwnam(name)


def set_up(cohort_file: Path) -> None:
    cohort = load(cohort_file)
    grader = ensure_account(cohort.grader_account)
    home = Path(grader.pw_dir)
    os.chmod(home, 0o700)  # the course source, hidden tests and gradebook live here
    course = cohort.course_dir
    if not course.exists():
        copy_course(cohort.kit, course)
        for folder, _dirs, files in os.walk(course):
            for item in [folder, *(os.path.join(folder, f) for f in files)]:
                os.chown(item, grader.pw_uid, grader.pw_gid)
        print(f"copied the course to {course}")
    os.chmod(course, 0o700)  # closed twice: a home opened by mistake still does not show the course
    cohort.exchange.mkdir(parents=True, exist_ok=True)
    # writable and passable by all, listable by all: nbgrader's release opens it up the same way and
    # makes the inbound folder (submissions) writable but not listable by learners
    os.chmod(cohort.exchange, 0o777)
    for parent in cohort.exchange.parents:
        if not parent.stat().st_mode & 0o001:
            sys.exit(f"{parent} must let every account pass (chmod o+x) so learners' servers can reach the exchange")
    if cohort.demo_port:
        try:
            demo = pwd.getpwnam(cohort.demo_account)
        except KeyError:
            sys.exit(f"{cohort_file}, demo_account: there is no account {cohort.demo_account} on this machine")
        cohort.demo_home.mkdir(parents=True, exist_ok=True)
        os.chown(cohort.demo_home, demo.pw_uid, demo.pw_gid)
        os.chmod(cohort.demo_home, 0o700)
    print(f"exchange: {cohort.exchange}\ncourse: {course} (readable by {cohort.grader_account} only)\n"
          f"trainers: {', '.join(cohort.trainers) or '(none yet)'}; learners: {len(cohort.learners)}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cohort", type=Path, default=Path(os.environ.get("IRT_COHORT", DEPLOY / "cohort.yaml")))
    args = ap.parse_args()
    if os.geteuid() != 0:
        sys.exit("run this as root (sudo): it creates the grader account and the exchange folder")
    try:
        set_up(args.cohort)
    except CohortSettingsError as e:
        sys.exit(str(e))


if __name__ == "__main__":
    main()
