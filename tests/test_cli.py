import subprocess
import sys

from orghealth.cli import HANDLERS, build_parser, main


def test_every_subcommand_has_a_handler():
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    assert set(sub.choices) == set(HANDLERS)


def test_missing_database_is_a_clear_error_with_exit_code_2(tmp_path, capsys):
    code = main(["check", "--db", str(tmp_path / "nowhere.duckdb")])
    err = capsys.readouterr().err
    assert code == 2
    assert "nowhere.duckdb" in err and "orghealth ingest" in err


def test_module_entry_point_prints_help():
    out = subprocess.run([sys.executable, "-m", "orghealth", "--help"], capture_output=True, text=True)
    assert out.returncode == 0
    assert "ingest" in out.stdout and "signals" in out.stdout
