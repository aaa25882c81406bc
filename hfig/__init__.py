"""hfig: reconciled ranges and timelines from humanitarian figures that disagree.

The Python API (docs/api.md)::

    import hfig
    ds = hfig.load()                 # the bundled records; or hfig.load("my-records/", "more.yaml")
    ds.summary(region="idlib")       # a pandas DataFrame
    ds.compare("displaced")
    ds.timeline("displaced", every="week")
    ds.records(metric="displaced")

`import hfig` stays cheap: the API is imported on first use (a module
`__getattr__`), and pandas only when a DataFrame is asked for.
"""

from __future__ import annotations

__version__ = "0.1.0"

TYPE_CHECKING = False  # not typing's: importing typing would double the cost of `import hfig`
if TYPE_CHECKING:
    from typing import Any

    from hfig.api import Data as Data
    from hfig.api import Selection as Selection
    from hfig.api import Skipped as Skipped
    from hfig.api import load as load
    from hfig.choices import BestRule as BestRule
    from hfig.choices import By as By
    from hfig.choices import Every as Every
    from hfig.errors import ExitCode as ExitCode
    from hfig.errors import HfigError as HfigError
    from hfig.render.table import ResultTable as ResultTable

_LAZY = {
    "Data": "hfig.api", "Selection": "hfig.api", "Skipped": "hfig.api",
    "BestRule": "hfig.choices", "By": "hfig.choices", "Every": "hfig.choices",
    "ExitCode": "hfig.errors", "HfigError": "hfig.errors", "ResultTable": "hfig.render.table",
}


def __getattr__(name: str) -> Any:
    import importlib

    if name == "load":
        # `hfig.load` is also the input-edge package (hfig/load/): that package is callable,
        # and calling it is `hfig.api.load` (see hfig/load/__init__.py), whichever was imported first.
        return importlib.import_module("hfig.load")
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'hfig' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(["__version__", "load", *_LAZY])


__all__ = ["BestRule", "By", "Data", "Every", "ExitCode", "HfigError", "ResultTable", "Selection", "Skipped",
           "load"]
