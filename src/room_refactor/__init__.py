"""room-refactor: audit and migrate direct writes of Django model state fields.

Importing this package is cheap: libcst is imported only by the layers that parse.
"""

from __future__ import annotations

__version__ = "0.1.0"
