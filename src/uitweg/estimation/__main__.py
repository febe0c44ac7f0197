"""``python -m uitweg.estimation FILE.csv``: same as the ``uitweg-estimate`` command."""

from .cli import main

raise SystemExit(main())
