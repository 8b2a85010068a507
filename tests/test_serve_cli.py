"""``espaces workshop serve`` as a user starts it: a real process, its lines, Ctrl-C."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from serve_running import command, post, serving, stop

ZOE = {
    "profil": "independant",
    "besoins": ["salles_reunion"],
    "stade": "lancement",
    "frequence": "reguliere",
    "duree": "essai",
    "budget": "modeste",
    "territoire": "grande_ville",
}


def test_serve_prints_the_links_and_the_qr_code_then_stops_on_ctrl_c(tmp_path: Path) -> None:
    session = tmp_path / "atelier.yaml"
    with serving(session) as served:
        text = "\n".join(served.lines)
        assert served.url("j").startswith("http://127.0.0.1:")
        assert "▄" in text or "█" in text  # the QR code, drawn with blocks
        assert re.search(r"Code de l'atelier : [A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{2}", text)
        assert post(served.url("j") + "/answers", {"name": "Zoé", "answers": ZOE}) == 201
        status, err = stop(served)
    assert status in (0, 130)
    assert "Session créée" in err
    assert f"Serveur arrêté. Session : {session} (1 participant)." in err
    assert f"espaces workshop report {session}" in err
    assert "Traceback" not in err
    assert '"name": "Zoé"' in session.read_text(encoding="utf-8")


def test_a_restarted_server_keeps_the_same_links_and_answers(tmp_path: Path) -> None:
    session = tmp_path / "atelier.yaml"
    with serving(session, "--no-qr") as first:
        post(first.url("j") + "/answers", {"name": "Zoé", "answers": ZOE})
        join, admin = first.url("j"), first.url("a")
        stop(first)
    with serving(session, "--no-qr") as second:
        assert second.url("j").split("/j/")[1] == join.split("/j/")[1]
        assert second.url("a").split("/a/")[1] == admin.split("/a/")[1]
        with urllib.request.urlopen(second.url("a") + "/state", timeout=10) as response:
            assert json.load(response)["participants"] == ["Zoé"]
        status, _err = stop(second)
    assert status in (0, 130)


def test_no_qr_leaves_the_code_out(tmp_path: Path) -> None:
    with serving(tmp_path / "a.yaml", "--no-qr") as served:
        assert not any("█" in line for line in served.lines)
        stop(served)


def test_a_port_in_use_is_one_line_and_exit_2(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            command(tmp_path / "a.yaml", "--port", str(port), "--no-qr"),
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines()[-1] == (
        f"Port {port} déjà utilisé : essayez --port 0 (un port libre)."
    )
    assert "Traceback" not in result.stderr


def test_lan_warns_in_one_line_and_never_shows_the_wildcard(tmp_path: Path) -> None:
    with serving(tmp_path / "a.yaml", "--lan", "--no-qr") as served:
        assert "0.0.0.0" not in served.url("j")
        status, err = stop(served)
    warnings = [line for line in err.splitlines() if line.startswith("Attention")]
    assert warnings == [
        "Attention : le serveur est joignable par tout le réseau local ; seuls ceux qui ont "
        "le lien ou le code peuvent répondre."
    ]
    assert status in (0, 130)


def test_a_session_of_another_rule_base_is_refused(tmp_path: Path) -> None:
    session = tmp_path / "a.yaml"
    session.write_text(
        "espaces_workshop: 1\ntitle: x\ncreated_at: ''\n"
        "rules: {name: autre, version: '1', sha256: '00'}\nparticipants:\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        command(session, "--port", "0"), capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert "autre base de règles" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_the_state_file_is_private(tmp_path: Path) -> None:
    state = Path(os.environ["ESPACES_STATE_DIR"]) / "serve"
    with serving(tmp_path / "a.yaml", "--no-qr") as served:
        stop(served)
    files = sorted(state.glob("*.json"), key=lambda p: p.stat().st_mtime)
    assert files
    assert files[-1].stat().st_mode & 0o077 == 0
    assert "atelier" not in files[-1].read_text(encoding="utf-8")


@pytest.mark.parametrize("flag", ["--help"])
def test_help_names_the_options(flag: str, tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "espaces_cli", "workshop", "serve", flag],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0
    for option in ("--host", "--port", "--lan", "--no-qr"):
        assert option in result.stdout


@pytest.mark.parametrize("port", ["70000", "-1"])
def test_a_port_out_of_range_is_one_line(tmp_path: Path, port: str) -> None:
    result = subprocess.run(
        command(tmp_path / "a.yaml", "--port", port), capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert result.stderr.strip() == f"--port {port} : un numéro de port va de 0 à 65535."
    assert not (tmp_path / "a.yaml").exists()


@pytest.mark.parametrize("kind", ["folder", "fifo", "missing folder"])
def test_a_session_that_cannot_be_one_is_one_line(tmp_path: Path, kind: str) -> None:
    target = tmp_path / "s"
    if kind == "folder":
        target.mkdir()
    elif kind == "fifo":
        os.mkfifo(target)
    else:
        target = tmp_path / "absent" / "s.yaml"
    result = subprocess.run(
        command(target, "--port", "0", "--no-qr"), capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
