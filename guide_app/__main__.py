"""``python -m guide_app``: the same as the ``guide-app`` command."""

from guide_app.cli import main

raise SystemExit(main())
