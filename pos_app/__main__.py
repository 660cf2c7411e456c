"""``python -m pos_app`` starts the GUI (same as the ``pos-app`` command)."""

import sys

from pos_app.app import main

if __name__ == "__main__":
    sys.exit(main())
