"""Packaging: the built wheel in a fresh virtual environment, and an editable install,
both find the one rule base of the repository."""

from __future__ import annotations

import json
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ANSWERS = [
    "-a",
    "profil=porteur_projet",
    "-a",
    "besoins=prototypage",
    "-a",
    "stade=prototype",
    "-a",
    "frequence=ponctuelle",
    "-a",
    "duree=quelques_mois",
    "-a",
    "budget=minimal",
    "-a",
    "territoire=grande_ville",
]
WHERE = "from espaces_cli.rules.loader import read_source; print(read_source(None).display)"


def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


@pytest.fixture(scope="module")
def fresh_env(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("packaging")
    venv.EnvBuilder(with_pip=True).create(home / "venv")
    return home


def test_wheel_in_a_fresh_venv_runs_from_another_folder(fresh_env: Path) -> None:
    dist = fresh_env / "dist"
    built = run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", dist, ROOT, cwd=ROOT)
    assert built.returncode == 0, built.stderr
    wheels = list(dist.glob("espaces_cli-*.whl"))
    assert len(wheels) == 1
    python = fresh_env / "venv" / "bin" / "python"
    installed = run(python, "-m", "pip", "install", "--quiet", wheels[0], cwd=fresh_env)
    assert installed.returncode == 0, installed.stderr
    elsewhere = fresh_env / "elsewhere"
    elsewhere.mkdir()
    espaces = fresh_env / "venv" / "bin" / "espaces"
    result = run(espaces, "advise", "--no-input", *ANSWERS, "--format", "json", cwd=elsewhere)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["recommendation"]["id"] == "fab_lab"
    where = run(python, "-c", WHERE, cwd=elsewhere).stdout.strip()
    assert where.startswith(str(fresh_env / "venv")), where
    assert where.endswith("espaces_cli/data/space_types.yaml")
    assert Path(where).read_bytes() == (ROOT / "data" / "space_types.yaml").read_bytes()
    version = run(python, "-m", "espaces_cli", "--version", cwd=elsewhere)
    assert version.stdout.startswith("espaces ")
    english = run(espaces, "--lang", "en", "advise", "--bogus", cwd=elsewhere)
    assert "Error: No such option: --bogus." in english.stderr, "the compiled catalog ships"
    serve_from_the_wheel(python, elsewhere)


def serve_from_the_wheel(python: Path, folder: Path) -> None:
    """``workshop serve`` from the installed wheel: its templates and static files ship."""
    import urllib.request

    from serve_running import post, serving, stop

    session = folder / "atelier.yaml"
    with serving(session, "--no-qr", python=python, cwd=folder) as served:
        join = served.url("j")
        answers = {"profil": "etudiant", "besoins": ["bureau_mobile"], "stade": "sans_projet"}
        answers |= {"frequence": "reguliere", "duree": "essai", "budget": "minimal"}
        answers["territoire"] = "grande_ville"
        assert post(join + "/answers", {"name": "Zoé", "answers": answers}) == 201
        for url in (join, served.url("a"), join.split("/j/")[0] + "/static/espaces.css"):
            with urllib.request.urlopen(url, timeout=10) as response:
                assert response.status == 200
        with urllib.request.urlopen(served.url("a") + "/qr.svg", timeout=10) as response:
            assert b"<svg" in response.read()
        status, err = stop(served)
    assert status in (0, 130), err
    assert "Zoé" in session.read_text(encoding="utf-8")


def test_the_visit_notebook_on_the_installed_wheel(fresh_env: Path) -> None:
    """From advise to a printed sheet to a comparison of three places, with the wheel."""
    import pexpect

    dist = fresh_env / "dist-visit"
    built = run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", dist, ROOT, cwd=ROOT)
    assert built.returncode == 0, built.stderr
    (wheel,) = dist.glob("espaces_cli-*.whl")
    python = fresh_env / "venv" / "bin" / "python"
    for extra in ((), ("--force-reinstall", "--no-deps")):
        installed = run(python, "-m", "pip", "install", "--quiet", *extra, wheel, cwd=fresh_env)
        assert installed.returncode == 0, installed.stderr
    espaces = fresh_env / "venv" / "bin" / "espaces"
    work = fresh_env / "visits"
    work.mkdir()
    answers = [*ANSWERS, "-a", "nature_projet=innovant", "-a", "secteur="]
    answers += ["-a", "confidentialite=normale"]
    made = run(espaces, "visit", "new", "carnet.yaml", "--no-input", *answers, cwd=work)
    assert made.returncode == 0, made.stderr
    sheet = run(
        espaces, "visit", "sheet", "carnet.yaml", "--format", "html", "-o", "f.html", cwd=work
    )
    assert sheet.returncode == 0, sheet.stderr
    assert "Fiche de visite : Fab lab" in (work / "f.html").read_text(encoding="utf-8")
    places = [
        ("Fab Lab Lyon", "fab_lab", "gen_anime_lieu_temps: oui\n  fl_liste_machines_etat: oui"),
        ("Makers", "makerspace", "gen_lieu_finance_facon: non"),
        ("Cowork", "coworking", "gen_anime_lieu_temps: partiel"),
    ]
    for n, (name, kind, checks) in enumerate(places):
        text = f"name: {name}\ntype: {kind}\nrating: {5 - n}\nprice_month: {20 + 40 * n}\n"
        (work / f"v{n}.yaml").write_text(text + f"checks:\n  {checks}\n", encoding="utf-8")
        added = run(espaces, "visit", "add", "carnet.yaml", "--from", f"v{n}.yaml", cwd=work)
        assert added.returncode == 0, added.stderr
    child = pexpect.spawn(
        str(espaces),
        ["visit", "add", "carnet.yaml", "Garage", "--type", "fab_lab", "--plain"],
        cwd=str(work),
        encoding="utf-8",
        timeout=30,
    )
    child.expect_exact("[1/")
    child.sendline("1")
    child.sendcontrol("c")
    child.expect_exact("--resume")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    compared = run(espaces, "visit", "compare", "carnet.yaml", "--format", "json", cwd=work)
    assert compared.returncode == 0, compared.stderr
    document = json.loads(compared.stdout)
    assert [p["name"] for p in document["places"]] == ["Fab Lab Lyon", "Cowork", "Makers"]
    assert document["places"][2]["red_flags"]
    assert document["recommendation"]["name"] == "Fab Lab Lyon"
    english = run(espaces, "--lang", "en", "visit", "compare", "carnet.yaml", cwd=work)
    assert "Choose “Fab Lab Lyon”" in english.stdout


def test_editable_install_reads_the_repository_file(fresh_env: Path) -> None:
    python = fresh_env / "venv" / "bin" / "python"
    installed = run(python, "-m", "pip", "install", "--quiet", "-e", ROOT, cwd=fresh_env)
    assert installed.returncode == 0, installed.stderr
    elsewhere = fresh_env / "elsewhere-editable"
    elsewhere.mkdir()
    where = run(python, "-c", WHERE, cwd=elsewhere).stdout.strip()
    assert Path(where) == ROOT / "data" / "space_types.yaml"
    result = run(fresh_env / "venv" / "bin" / "espaces", "types", "fab_lab", cwd=elsewhere)
    assert result.returncode == 0, result.stderr
    assert "Fab lab" in result.stdout
    espaces = fresh_env / "venv" / "bin" / "espaces"
    english = run(espaces, "--lang", "en", "advise", "--bogus", cwd=elsewhere)
    assert "Error: No such option: --bogus." in english.stderr, "the catalog is found"


def test_every_subpackage_is_listed_for_setuptools() -> None:
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {
        ".".join(init.parent.relative_to(ROOT / "src").parts)
        for init in (ROOT / "src").rglob("__init__.py")
    }
    assert found | {"espaces_cli.data"} == listed
