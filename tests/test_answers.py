"""A question asked again on unchanged data is answered from the stored answer, never a stale one."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import hfig.cli.summary
from hfig.cache import answers
from hfig.cli import app
from hfig.cli.replay import answered
from tests.test_cache import claims_file, write

runner = CliRunner()


@pytest.fixture
def cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("HFIG_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def data(tmp_path: Path) -> Path:
    claims_file(tmp_path / "d" / "a.yaml", {"a1": "500", "a2": "700"})
    return tmp_path / "d"


def stored(folder: Path) -> list[Path]:
    return sorted(folder.glob("answer-*.txt"))


def no_computing(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on, a command that computes fails: only a replay can answer."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("computed instead of replayed")

    monkeypatch.setattr(hfig.cli.summary, "open_data", refuse)


def test_the_same_question_is_replayed_byte_for_byte(data: Path, cache_folder: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    args = ["summary", "--data", str(data), "--format", "csv"]
    first = runner.invoke(app, args)
    assert first.exit_code == 0 and "700" in first.stdout
    assert len(stored(cache_folder)) == 1
    no_computing(monkeypatch)
    again = runner.invoke(app, args)
    assert again.exit_code == 0
    assert again.stdout == first.stdout and again.stderr == first.stderr


def test_every_option_is_part_of_the_question(data: Path, cache_folder: Path) -> None:
    base = ["compare", "displaced", "--data", str(data)]
    outputs = {runner.invoke(app, [*base, *extra]).stdout
               for extra in ([], ["--format", "csv"], ["--format", "json"], ["--best", "max", "-f", "csv"])}
    assert len(outputs) == 4
    assert len(stored(cache_folder)) == 4


def test_terminal_width_is_part_of_the_question(data: Path, cache_folder: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    args = ["records", "--data", str(data)]
    wide = runner.invoke(app, args).stdout
    monkeypatch.setenv("COLUMNS", "60")
    narrow = runner.invoke(app, args).stdout
    assert wide != narrow
    assert narrow == runner.invoke(app, [*args, "--no-cache"]).stdout


def test_a_value_edited_within_the_same_second_is_answered_afresh(data: Path, cache_folder: Path) -> None:
    args = ["records", "--data", str(data), "--format", "csv"]
    assert ",500," in runner.invoke(app, args).stdout
    path = data / "a.yaml"
    st = path.stat()
    claims_file(path, {"a1": "600", "a2": "700"})  # same size
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))  # and mtime, as a coarse clock would give
    again = runner.invoke(app, args).stdout
    assert ",600," in again and ",500," not in again


def test_an_added_file_or_a_touched_one_is_answered_afresh(data: Path, cache_folder: Path) -> None:
    args = ["records", "--data", str(data), "--format", "csv"]
    runner.invoke(app, args)
    claims_file(data / "b.yaml", {"b1": "900"})
    assert ",900," in runner.invoke(app, args).stdout
    old = (data / "b.yaml").stat().st_mtime_ns - 10_000_000_000
    claims_file(data / "b.yaml", {"b1": "901"})
    os.utime(data / "b.yaml", ns=(old, old))  # an old mtime: only the stat differs
    assert ",901," in runner.invoke(app, args).stdout


def test_a_code_change_is_answered_afresh(data: Path, cache_folder: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from hfig.cache import fingerprint

    args = ["summary", "--data", str(data), "-f", "csv"]
    runner.invoke(app, args)
    monkeypatch.setattr(fingerprint, "code_identity", lambda *packages: "edited")
    no_computing(monkeypatch)
    assert runner.invoke(app, args).exit_code != 0  # it had to compute: the stored answer was not used


def test_the_answer_depends_on_the_rendering_code(data: Path, cache_folder: Path) -> None:
    from hfig.cache.fingerprint import ANSWER_PACKAGES

    assert {"render", "cli", "core"} <= set(ANSWER_PACKAGES)


def test_no_cache_neither_uses_nor_stores_answers(data: Path, cache_folder: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    args = ["records", "--data", str(data)]
    assert runner.invoke(app, [*args, "--no-cache"]).exit_code == 0
    monkeypatch.setenv("HFIG_NO_CACHE", "1")
    assert runner.invoke(app, args).exit_code == 0
    assert not stored(cache_folder)


def test_a_failed_command_is_not_stored(tmp_path: Path, cache_folder: Path) -> None:
    claims_file(tmp_path / "d" / "a.yaml", {"a1": "300,000"})
    for _ in range(2):
        result = runner.invoke(app, ["records", "--data", str(tmp_path / "d")])
        assert result.exit_code == 1 and "error[number-format]" in result.stderr
    assert not stored(cache_folder)


def test_two_bad_inputs_are_named_in_the_same_order_with_the_cache_on_and_off(tmp_path: Path,
                                                                               cache_folder: Path) -> None:
    # Found by benchmarks/fuzz.py: with the cache on, the missing --data was named before the
    # bad --as-of (exit 3); with it off, the command checks its options first (exit 2).
    args = ["summary", "--data", str(tmp_path / "nowhere"), "--as-of", "csv"]
    on, off = runner.invoke(app, args), runner.invoke(app, [*args, "--no-cache"])
    assert (on.exit_code, on.stderr) == (off.exit_code, off.stderr)
    assert on.exit_code == 2 and "--as-of: 'csv' is not a date" in on.stderr
    missing = runner.invoke(app, ["summary", "--data", str(tmp_path / "nowhere")])
    assert missing.exit_code == 3 and "no such file or folder" in missing.stderr


def test_a_timeline_with_a_plot_is_not_stored(data: Path, cache_folder: Path) -> None:
    pytest.importorskip("matplotlib")
    plot = data.parent / "t.png"
    args = ["timeline", "displaced", "--data", str(data), "--plot", str(plot)]
    assert runner.invoke(app, args).exit_code == 0
    plot.unlink()
    assert runner.invoke(app, args).exit_code == 0
    assert plot.exists()  # the plot was written again, not skipped by a replay
    assert not stored(cache_folder)


def test_a_damaged_answer_is_ignored(data: Path, cache_folder: Path) -> None:
    args = ["records", "--data", str(data), "-f", "csv"]
    first = runner.invoke(app, args).stdout
    (path,) = stored(cache_folder)
    raw = path.read_bytes()
    path.write_bytes(raw.replace(b",500,", b",999,"))  # same length, wrong checksum
    assert runner.invoke(app, args).stdout == first
    path.write_bytes(raw[: len(raw) // 2])  # torn
    assert runner.invoke(app, args).stdout == first
    path.write_bytes(b"not json\n")
    assert runner.invoke(app, args).stdout == first


def test_an_answer_too_long_to_keep_is_not_stored(data: Path, cache_folder: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(answers, "MAX_BYTES", 10)
    monkeypatch.setattr("hfig.cli.replay.MAX_BYTES", 10)
    assert runner.invoke(app, ["records", "--data", str(data)]).exit_code == 0
    assert not stored(cache_folder)


def test_stdout_and_stderr_are_replayed_in_their_order(data: Path, cache_folder: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    def noisy() -> None:
        sys.stdout.write("one\n")
        sys.stderr.write("warning\n")
        sys.stdout.write("two\n")

    params = {"data": [data], "region": None}
    answered("records", params, noisy)
    first = capsys.readouterr()

    def silent() -> None:
        raise AssertionError("computed instead of replayed")

    answered("records", params, silent)
    again = capsys.readouterr()
    assert (again.out, again.err) == (first.out, first.err) == ("one\ntwo\n", "warning\n")
    (path,) = stored(cache_folder)
    assert b'"chunks":[[1,4],[2,8],[1,4]]' in path.read_bytes()


def test_bytes_written_past_a_text_stream_that_is_not_utf8_keep_the_answer_out(
        data: Path, cache_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(io.BytesIO(), encoding="latin-1"))

    def raw() -> None:
        sys.stdout.buffer  # noqa: B018 - bytes written there may not be text a replay can write

    answered("records", {"data": [data]}, raw)
    assert not stored(cache_folder)


def test_utf8_bytes_written_to_the_buffer_are_replayed(data: Path, cache_folder: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    def mixed() -> None:
        sys.stdout.write("text first, ")
        sys.stdout.buffer.write("then bytes: (200, ∞)\n".encode())
        sys.stderr.write("warning\n")

    params = {"data": [data]}
    answered("records", params, mixed)
    first = capsys.readouterr()
    assert first.out == "text first, then bytes: (200, ∞)\n"

    def silent() -> None:
        raise AssertionError("computed instead of replayed")

    answered("records", params, silent)
    again = capsys.readouterr()
    assert (again.out, again.err) == (first.out, first.err)


def test_at_most_keep_answers_are_kept(data: Path, cache_folder: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(answers, "KEEP", 2)
    for region in ("idlib", "hama", "aleppo"):
        runner.invoke(app, ["records", "--data", str(data), "--region", region])
    assert len(stored(cache_folder)) == 2


def test_a_folder_others_can_write_is_not_used(data: Path, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o777)
    monkeypatch.setenv("HFIG_CACHE_DIR", str(folder))
    write(folder / "planted.txt", "x")
    assert runner.invoke(app, ["records", "--data", str(data)]).exit_code == 0
    assert not stored(folder)


@pytest.mark.parametrize("encoding, errors", [("utf-8", "strict"), ("UTF8", "surrogateescape"),
                                              ("latin-1", "strict"), ("utf-8", "backslashreplace")])
def test_an_answer_is_written_and_recorded_as_the_stream_writes_it(encoding: str, errors: str,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """`write_stdout` encodes the parts once and writes their bytes where the stream writes UTF-8
    (else the text): the stream sees the bytes it would write, and the answer the UTF-8 of the text."""
    import io

    import hfig.cli.replay as replay
    from hfig.cli.base import write_stdout

    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding=encoding, errors=errors)
    recording = replay.Recording()
    monkeypatch.setattr(sys, "stdout", replay._Tee(stream, 1, recording))
    parts = ["a,b\n", "(200, ∞)\n", "Idlib é\n"] * 3 if encoding != "latin-1" else ["a,b\n", "Idlib é\n"] * 3
    assert sys.stdout.write("head\n") == 5
    write_stdout(iter(parts))
    stream.flush()
    text = "head\n" + "".join(parts)
    assert raw.getvalue() == text.encode(encoding, errors)
    assert recording.result() == [(1, text.encode("utf-8"))]
    assert recording.complete


def test_an_answer_refuses_what_the_stream_refuses(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    import hfig.cli.replay as replay
    from hfig.cli.base import write_stdout

    stream = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    monkeypatch.setattr(sys, "stdout", replay._Tee(stream, 1, replay.Recording()))
    with pytest.raises(UnicodeEncodeError):
        write_stdout(["lone \udcff surrogate"])
