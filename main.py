"""Run Session Guide from a checkout: ``python main.py [command ...]``."""

from guide_app.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
