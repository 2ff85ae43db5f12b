"""`add_imports` against libcst's own AddImportsVisitor, its oracle: the same result on every
shape of module head, for the imports that migrate adds."""

from __future__ import annotations

import textwrap

import libcst as cst
import pytest
from libcst.codemod import CodemodContext
from libcst.codemod.visitors import AddImportsVisitor, ImportItem

from room_refactor.core.rewrite import _sort_merged_names, add_imports

HEADS = {
    "empty": "",
    "code-only": "x = 1\n",
    "docstring-only": '"""Doc."""\n',
    "docstring-then-code": '"""Doc."""\n\n\ndef f():\n    pass\n',
    "imports-then-def": "import os\nfrom django.db import models\n\n\nclass Room(models.Model):\n    pass\n",
    "merge-into-from": "from django.db import models\n\nx = 1\n",
    "merge-first-of-two": "from django.db import models\nfrom django.db import connection\n\nx = 1\n",
    "already-there": "from django.db import transaction\n\nx = 1\n",
    "aliased-already": "from django.db import transaction as db_transaction\n\nx = 1\n",
    "star": "from django.db import *\n\nx = 1\n",
    "relative": "from . import services\nfrom .models import Room\n\nx = 1\n",
    "comment-before-code": "import os\n# a comment\nx = 1\n",
    "blank-then-comment": "import os\n\n# a comment\nx = 1\n",
    "strict-flag": "__strict__ = True\nimport os\n",
    "future": "from __future__ import annotations\n\nimport os\n",
    "two-on-a-line": "import os; import sys\nx = 1\n",
    "try-import": "try:\n    import json\nexcept ImportError:\n    json = None\n",
    "import-in-function": "def f():\n    from django.db import transaction\n",
    "docstring-imports-code": '"""Doc."""\nimport os\n\n\ndef f():\n    pass\n',
    "parenthesized": "from django.db import (\n    connection,\n    models,\n)\n\nx = 1\n",
    "crlf": "import os\r\n\r\nx = 1\r\n",
}
IMPORTS = {
    "writer": [("housekeeping.services", "set_room_occupancy_and_status", None)],
    "transaction": [("django.db", "transaction", None)],
    "aliased": [("django.db", "transaction", "db_transaction")],
    "both": [("housekeeping.services", "set_room_occupancy_and_status", None), ("django.db", "transaction", None)],
}


def _oracle(source: str, imports) -> str:
    module = cst.parse_module(source)
    items = [ImportItem(module_name, obj, alias) for module_name, obj, alias in imports]
    visited = module.visit(AddImportsVisitor(CodemodContext(), items))
    return _sort_merged_names(visited, {(m, o) for m, o, _ in imports}).code


@pytest.mark.parametrize("imports", list(IMPORTS.values()), ids=list(IMPORTS))
@pytest.mark.parametrize("head", list(HEADS.values()), ids=list(HEADS))
def test_same_result_as_add_imports_visitor(head: str, imports) -> None:
    ours = add_imports(cst.parse_module(head), imports).code
    assert ours == _oracle(head, imports)
    compile(ours, "<ours>", "exec")


def test_a_name_is_merged_into_an_existing_from_import() -> None:
    source = "from django.db import models\n\nx = 1\n"
    result = add_imports(cst.parse_module(source), [("django.db", "transaction", None)]).code
    assert result == "from django.db import models, transaction\n\nx = 1\n"


def test_nothing_changes_when_the_name_is_imported() -> None:
    module = cst.parse_module(textwrap.dedent("""\
        from django.db import transaction

        x = 1
        """))
    assert add_imports(module, [("django.db", "transaction", None)]) is module
