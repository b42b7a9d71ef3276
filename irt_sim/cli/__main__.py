"""``python -m irt_sim.cli ...`` runs the ``irt-academy`` command."""

import sys

from . import main

sys.exit(main())
