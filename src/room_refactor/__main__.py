"""`python -m room_refactor`."""

from __future__ import annotations

from room_refactor.cli.app import main

if __name__ == "__main__":
    main()
