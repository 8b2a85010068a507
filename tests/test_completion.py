"""Shell completion: commands, options, question ids after -a, choice ids after -a ID=."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from terminals import bash_complete

BIN = Path(sys.executable).parent
ESPACES = str(BIN / "espaces")
NEEDS_SHELLS = pytest.mark.skipif(
    not (shutil.which("zsh") and shutil.which("fish")) and not os.environ.get("CI"),
    reason="completion is tried in real zsh and fish shells, not installed here "
    "(sudo apt install zsh fish to run these tests)",
)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("espaces ad", ["advise"]),
        ("espaces workshop re", ["remove", "report"]),
        ("espaces advise --sa", ["--save-answers"]),
        ("espaces advise -a pro", ["profil="]),
        (
            "espaces advise -a profil=",
            [
                "profil=independant",
                "profil=etudiant",
                "profil=porteur_projet",
                "profil=petite_structure",
                "profil=association",
                "profil=grande_entreprise",
                "profil=salarie",
                "profil=demandeur_emploi",
                "profil=chercheur",
            ],
        ),
        ("espaces advise -a profil=gr", ["profil=grande_entreprise"]),
        ("espaces advise -a besoins=salles_reunion,ren", ["besoins=salles_reunion,rencontres"]),
        ("espaces advise -a budget=minimal,", []),
        ("espaces advise --ask terr", ["territoire"]),
        ("espaces types fa", ["fab_lab"]),
        ("espaces rules explain living", ["living_lab"]),
    ],
)
def test_bash_protocol(line: str, expected: list[str]) -> None:
    assert bash_complete(line) == expected


def test_completion_follows_a_custom_rule_base(tmp_path: Path) -> None:
    from rulebases import TINY

    rules = tmp_path / "tiny.yaml"
    rules.write_text(TINY, encoding="utf-8")
    assert bash_complete(f"espaces advise --rules {rules} -a b") == ["besoin=", "budget="]
    assert bash_complete("espaces advise -a b", ESPACES_RULES=str(rules)) == ["besoin=", "budget="]


def test_zsh_protocol_gives_values_with_their_labels() -> None:
    result = subprocess.run(
        [ESPACES],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
        env={
            **os.environ,
            "_ESPACES_COMPLETE": "complete_zsh",
            "_TYPER_COMPLETE_ARGS": "espaces advise -a profil=in",
        },
    )
    assert '"profil=independant":"Indépendant, freelance ou auto-entrepreneur"' in result.stdout


@NEEDS_SHELLS
@pytest.mark.parametrize(
    ("shell", "installed"),
    [
        ("bash", ".bash_completions/espaces.sh"),
        ("zsh", ".zfunc/_espaces"),
        ("fish", ".config/fish/completions/espaces.fish"),
    ],
)
def test_install_completion_for_each_shell(tmp_path: Path, shell: str, installed: str) -> None:
    def install(*extra: str) -> str:
        # "; true" keeps the shell alive as the parent, so the shell is detected as itself
        return subprocess.run(
            [shell, "-c", f"{ESPACES} --install-completion {' '.join(extra)}; true"],
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
            env={**os.environ, "HOME": str(tmp_path)},
        ).stdout

    assert f"Complétion {shell} installée dans " in install()
    assert (tmp_path / installed).is_file()
    again = install("--lang", "en")
    assert again.startswith(f"{shell} completion installed in ")
    assert "It will work in new terminals." in again


@NEEDS_SHELLS
def test_bash_completes_for_real_once_installed(tmp_path: Path) -> None:
    env = {**os.environ, "HOME": str(tmp_path), "PATH": f"{BIN}:{os.environ['PATH']}"}
    subprocess.run(
        ["bash", "-c", f"{ESPACES} --install-completion; true"],
        env=env,
        check=True,
        capture_output=True,
        timeout=60,
    )
    script = (
        "source ~/.bash_completions/espaces.sh; "
        "COMP_WORDS=(espaces advise -a besoins=conv); COMP_CWORD=3; "
        "_espaces_completion espaces; printf '%s\\n' \"${COMPREPLY[@]}\""
    )
    result = subprocess.run(
        ["bash", "-c", script], env=env, capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.split() == ["besoins=convivialite"]


@NEEDS_SHELLS
def test_fish_completes_for_real_once_installed(tmp_path: Path) -> None:
    env = {**os.environ, "HOME": str(tmp_path), "PATH": f"{BIN}:{os.environ['PATH']}"}
    subprocess.run(
        ["fish", "-c", f"{ESPACES} --install-completion; true"],
        env=env,
        check=True,
        capture_output=True,
        timeout=60,
    )
    result = subprocess.run(
        ["fish", "-c", 'complete -C"espaces advise -a stade=pro"'],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert result.stdout.splitlines() == ["stade=prototype\tUn prototype ou une première version"]
