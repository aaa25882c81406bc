"""Exit codes are part of the interface: pinned here and documented in the README."""

from hfig.cli import app
from hfig.cli.base import ExitCode

from .conftest import fixture


def test_exit_code_values_are_pinned():
    assert {e.name: e.value for e in ExitCode} == {
        "OK": 0,
        "INVALID_DATA": 1,
        "USAGE": 2,
        "IO_ERROR": 3,
        "MISSING_EXTRA": 4,
    }


def test_each_exit_code_in_use(runner):
    assert runner.invoke(app, ["validate"]).exit_code == ExitCode.OK
    assert runner.invoke(app, ["validate", fixture("negative_value.yaml")]).exit_code == ExitCode.INVALID_DATA
    assert runner.invoke(app, ["records", "--format", "xml"]).exit_code == ExitCode.USAGE
    assert runner.invoke(app, ["records", "--metric", "nope"]).exit_code == ExitCode.USAGE
    assert runner.invoke(app, ["validate", "/no/such/file.yaml"]).exit_code == ExitCode.IO_ERROR


def test_readme_documents_every_exit_code():
    from pathlib import Path

    readme = (Path(__file__).parent.parent / "README.md").read_text()
    for code in ExitCode:
        assert f"| {code.value} | `{code.name}` |" in readme
