"""What the demo shows besides the notebooks: the list of pages, and the plain pages for "busy",
"slow down" and "not found"."""

from __future__ import annotations

import html
from pathlib import Path

from ..inputs.casebook import kit_root

#: The page notebooks, in the order the index lists them, with the title shown there.
PAGES = {
    "arc_versus_referral": "ARC versus simple referral: what changes for a group of jobseekers",
    "team_explorer": "Who sits at the table? Barriers and partners for one jobseeker",
    "ips_fidelity_self_check": "IPS fidelity self-check for three sample agencies",
    "outcomes_funnel": "Outcomes: from referral to a job kept",
}

_STYLE = ("body{font-family:system-ui,sans-serif;max-width:46em;margin:2em auto;padding:0 1em;line-height:1.5;"
          "color:#1a1a1a}a{color:#0b4f8a}a:focus{outline:3px solid #0b4f8a;outline-offset:2px}")


def pages_dir() -> Path:
    root = kit_root()
    if root is None:
        raise FileNotFoundError("cannot find the kit's course/pages folder")
    return root / "course" / "pages"


def _page(title: str, body: str) -> str:
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" '
            f'content="width=device-width, initial-scale=1"><title>{html.escape(title)}</title>'
            f"<style>{_STYLE}</style></head><body><main>{body}</main></body></html>")


#: What each page lets a visitor try, in a sentence a member of the public understands.
ABOUT = {
    "arc_versus_referral": "Compare handing a jobseeker a list of phone numbers with a counsellor who helps "
                           "them reach each service, for a whole group of jobseekers at once.",
    "team_explorer": "Pick a jobseeker and the services invited to plan with them, and see which of their "
                     "needs have someone to help.",
    "ips_fidelity_self_check": "See how three sample programs score on the scale that checks whether a "
                               "program really follows the IPS way of helping people into work.",
    "outcomes_funnel": "Follow the 530 people one IPS program in San Diego served: how many found a job, "
                       "and how many still had it months later; then three invented programs, quarter by quarter.",
}


def index_html(base_url: str = "/") -> str:
    items = "".join(f'<li><a href="{base_url}voila/render/{name}.ipynb">{html.escape(title)}</a>'
                    f"<br>{html.escape(ABOUT[name])}</li>" for name, title in PAGES.items())
    return _page("IRT Community Academy: demo pages",
                 "<h1>IRT Community Academy: try it yourself</h1>"
                 "<p>Many people with disabilities who want to work need help from several services at once: "
                 "a job centre, vocational rehabilitation, cash assistance, health care, transport. An "
                 "<strong>Integrated Resource Team</strong> (IRT) brings those services to one table with the "
                 "jobseeker, who leads it, to agree one plan for a job. <strong>Active Resource Coordination"
                 "</strong> (ARC) is the staff work of helping the jobseeker reach each service, instead of only "
                 "giving out a list. <strong>IPS</strong> (Individual Placement and Support) is a way of "
                 "helping people with mental illness find and keep ordinary jobs, tested in many studies.</p>"
                 "<p>These pages come from a training kit for the staff who do this work. Every person and "
                 "agency in them is invented.</p>"
                 f"<ul>{items}</ul>")


BUSY_HTML = _page("Busy: please try again shortly",
                  "<h1>Busy: please try again in a minute</h1><p>Many people are using the demo right now, and "
                  "each open page needs its own share of the server. Please wait a minute and reload this "
                  "page.</p>")


SLOW_DOWN_HTML = _page("Too many pages at once",
                       "<h1>Please slow down</h1><p>This address has opened many demo pages in the last minute. "
                       "Please wait a minute, then reload this page.</p>")


def not_found(handler) -> None:
    handler.set_status(404)
    handler.finish(_page("Not found", f'<h1>There is no such page</h1><p><a href="{handler.base_url}">The demo '
                                      "pages</a></p>"))
