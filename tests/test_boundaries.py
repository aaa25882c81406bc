"""The pure core imports no I/O or presentation library; the CLI start stays light."""

import subprocess
import sys

HEAVY = ("typer", "rich", "yaml", "pandas", "click")


def imported_after(statement: str) -> set[str]:
    code = f"import sys; {statement}; print(' '.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return set(out.split())


def test_core_imports_no_io_or_presentation_library():
    modules = imported_after(
        "import hfig.core.model, hfig.core.qualifiers, hfig.core.dates, hfig.core.gazetteer, "
        "hfig.core.dataset, hfig.core.checks"
    )
    assert not {m.split(".")[0] for m in modules} & set(HEAVY)


def test_records_does_not_import_pandas():
    code = (
        "import sys\nfrom hfig.cli import app\n"
        "try:\n    app(['records', '--format', 'csv'])\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write(str('pandas' in sys.modules))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stderr.strip().endswith("False")


def test_every_command_is_in_the_lazy_registry():
    from hfig.cli import COMMANDS, register

    app = register()
    names = {c.name or c.callback.__name__ for c in app.registered_commands if c.callback}
    names |= {g.name for g in app.registered_groups if g.name}
    assert names <= set(COMMANDS), names - set(COMMANDS)


def test_running_one_command_imports_only_its_module():
    code = (
        "import sys\nsys.argv = ['hfig', 'metrics', '-f', 'csv']\nfrom hfig.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write(' '.join(sorted(m for m in sys.modules if m.startswith('hfig.cli.'))))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(proc.stderr.split()[-4:])
    assert "hfig.cli.summary" not in proc.stderr and "hfig.cli.timeline" not in proc.stderr
    assert "hfig.cli.records" in loaded
