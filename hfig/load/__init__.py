"""The input edge: files -> YAML trees with positions -> validated records, or located problems.

This package is also what `hfig.load` names, so it can be called:
`hfig.load(*paths, cache=True, skip_invalid=False)` is `hfig.api.load`, which
loads records into an `hfig.api.Data` (docs/api.md). A package and a function
cannot share the name `hfig.load`, and whichever is imported first would win,
so the package answers the call itself.
"""

from __future__ import annotations

import sys
import types
from typing import Any


class _CallableModule(types.ModuleType):
    def __call__(self, *paths: Any, **options: Any) -> Any:
        from hfig.api import load

        return load(*paths, **options)


sys.modules[__name__].__class__ = _CallableModule
