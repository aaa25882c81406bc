"""--skip-invalid: answer from the valid claims, and say on stderr how many were left out and where."""

from __future__ import annotations

from typer.testing import CliRunner

from hfig.cli import app

from .conftest import fixture

MIXED = ["--data", fixture("many_problems.yaml"), "--data", fixture("valid_minimal.yaml")]


def test_without_the_option_bad_data_answers_nothing(runner: CliRunner) -> None:
    result = runner.invoke(app, ["summary", *MIXED])
    assert result.exit_code == 1 and result.stdout == ""
    assert "4 problems in the data; nothing was answered" in result.stderr


def test_with_it_every_answering_command_answers_from_the_rest(runner: CliRunner) -> None:
    commands = (["summary"], ["records"], ["compare", "displaced"], ["timeline", "displaced"], ["explain"])
    for command in commands:
        result = runner.invoke(app, [*command, *MIXED, "--skip-invalid", "-f", "csv"])
        assert result.exit_code == 0, (command, result.stderr)
        assert "3 invalid claim records skipped (--skip-invalid)" in result.stderr
        assert f"{fixture('many_problems.yaml')}:2" in result.stderr
        assert "error[" not in result.stdout
    records = runner.invoke(app, ["records", *MIXED, "--skip-invalid", "-f", "csv"])
    assert "t-un-displaced" in records.stdout


def test_problems_outside_claim_records_still_stop_it(runner: CliRunner) -> None:
    result = runner.invoke(app, ["summary", "--data", fixture("yaml_syntax_error.yaml"), "--skip-invalid"])
    assert result.exit_code == 1
    assert "outside any claim record" in result.stderr
