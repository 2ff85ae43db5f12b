"""One Bowler query over PATH: room-refactor's own Bowler pattern for attribute writes of the
two configured fields (`room_refactor.bowler.query`), run in place without writing.
`python bench/_bowler_query.py PATH` prints the number of matches."""

from __future__ import annotations

import logging
import sys


def main() -> int:
    from room_refactor.bowler import query

    logging.disable(logging.CRITICAL)  # Bowler logs every file it cannot parse
    hits: list[str] = []

    def count(node, capture, filename):  # type: ignore[no-untyped-def]
        hits.append(filename)
        return node

    query(sys.argv[1:]).modify(count).execute(interactive=False, write=False, silent=True)
    print(f"{len(hits)} matches in {len(set(hits))} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
