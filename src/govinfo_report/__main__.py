"""``python -m govinfo_report``: the same as the ``govinfo-report`` command."""

from govinfo_report._cli import main

raise SystemExit(main())
