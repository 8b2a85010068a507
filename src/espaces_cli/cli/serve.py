"""``espaces workshop serve``: participants answer from their phones, the group's result live.

The web stack (Starlette, uvicorn, Jinja2, segno) is imported only here, when the command
runs: every other command starts as fast as without it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from espaces_cli.cli.context import environment, load_rules
from espaces_cli.cli.environment import Environment
from espaces_cli.cli.errors import reported
from espaces_cli.cli.help import LocalCommand
from espaces_cli.cli.options import RulesOption, SessionArgument
from espaces_cli.cli.workshop import workshop_app
from espaces_cli.core.errors import UsageError
from espaces_cli.language import N_, _, _n

if TYPE_CHECKING:
    import socket

    from espaces_cli.core.model import RuleBase
    from espaces_cli.web.live import Live, SessionFiles

LOOPBACK = "127.0.0.1"


@workshop_app.command("serve", cls=LocalCommand)
def workshop_serve(
    ctx: typer.Context,
    session_file: SessionArgument,
    host: Annotated[
        str,
        typer.Option(
            "--host",
            metavar=N_("ADRESSE"),
            help=N_(
                "Adresse d'écoute (127.0.0.1 : cet ordinateur seulement ; 0.0.0.0 : la salle)."
            ),
        ),
    ] = LOOPBACK,
    port: Annotated[
        int,
        typer.Option("--port", help=N_("Port d'écoute (0 : un port libre).")),
    ] = 8000,
    lan: Annotated[
        bool,
        typer.Option(
            "--lan",
            help=N_("Ouvrir au réseau local : écoute sur 0.0.0.0, adresse du réseau dans le lien."),
        ),
    ] = False,
    title: Annotated[
        str, typer.Option("--title", help=N_("Titre, si la session est créée maintenant."))
    ] = "",
    qr: Annotated[
        bool, typer.Option("--qr/--no-qr", help=N_("Afficher le code QR dans le terminal."))
    ] = True,
    rules: RulesOption = None,
) -> None:
    """Animer un atelier en direct : les participants répondent depuis leur téléphone."""
    env = environment(ctx)
    with reported(env):
        if not 0 <= port <= 65535:
            raise UsageError(_("--port {port} : un numéro de port va de 0 à 65535.", port=port))
        live = prepare_live(env, session_file, rules, title)
        listen = "0.0.0.0" if lan else host
        sock = _bind(listen, port)
        bound = sock.getsockname()[1]
        shown_host = _lan_address() if _wildcard(listen) else listen
        base = f"http://{_url_host(shown_host)}:{bound}"
        if not _loopback(listen):
            env.say(
                _(
                    "Attention : le serveur est joignable par tout le réseau local ; seuls ceux "
                    "qui ont le lien ou le code peuvent répondre."
                )
            )
        _serve(env, session_file, live, sock, base, qr)


def prepare_live(env: Environment, session_file: str, rules: str | None, title: str = "") -> Live:
    """The served session: its rule base, its file (created if need be), its saved tokens."""
    from espaces_cli.web.live import Live
    from espaces_cli.web.tokens import load_state, new_state, save_state

    rule_base = load_rules(env, rules)
    _ensure_session(env, session_file, rule_base, title)
    state_path = _state_path(env, session_file)
    state = load_state(state_path) or new_state()
    save_state(state_path, state)
    return Live(_session_files(env, session_file, rule_base), rule_base, state, state_path)


def _ensure_session(env: Environment, path: str, rule_base: RuleBase, title: str) -> None:
    """Open the session (checked against the rule base), or create it when it does not exist."""
    from espaces_cli.workshop_io import now, open_session, save_session

    if Path(path).exists():
        open_session(path, rule_base, warn=env.say)
        return
    from espaces_cli.core.session import Session, checked_title

    save_session(path, Session(checked_title(title), now(), rule_base.identity, ()))
    env.say(_("Session créée : {path}.", path=path))


def _state_path(env: Environment, session_file: str) -> str:
    """Where this session's tokens live: the user's state folder, private, keyed by the path."""
    import hashlib

    from espaces_cli.files import state_dir

    real = os.path.realpath(session_file)
    folder = state_dir(env.variables)
    name = hashlib.sha256(real.encode("utf-8", "surrogateescape")).hexdigest()[:32] + ".json"
    if folder is not None:
        try:
            (folder / "serve").mkdir(parents=True, exist_ok=True, mode=0o700)
            return str(folder / "serve" / name)
        except OSError:
            pass
    return str(Path(real).with_name("." + Path(real).name + ".serve.json"))


def _bind(host: str, port: int) -> socket.socket:
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(2048)  # a room answering at once: no connection left waiting
    except OSError as error:
        sock.close()
        if error.errno in (98, 48):  # EADDRINUSE on Linux, macOS
            raise UsageError(
                _("Port {port} déjà utilisé : essayez --port 0 (un port libre).", port=port)
            ) from None
        raise UsageError(
            _(
                "Écoute impossible sur {host}:{port} ({why}).",
                host=host,
                port=port,
                why=error.strerror or error,
            )
        ) from None
    sock.set_inheritable(True)
    return sock


def _wildcard(host: str) -> bool:
    return host in ("0.0.0.0", "::", "")


def _loopback(host: str) -> bool:
    return host in ("127.0.0.1", "::1", "localhost") or host.startswith("127.")


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def _lan_address() -> str:
    """This machine's address on the local network (no packet is sent to find it)."""
    import socket

    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("192.0.2.1", 9))  # TEST-NET-1: only picks the outgoing interface
        return str(probe.getsockname()[0])
    except OSError:
        return LOOPBACK
    finally:
        probe.close()


def _can_draw(env: Environment) -> bool:
    """Whether the terminal can show the QR code's blocks (not an ASCII-only console)."""
    encoding = getattr(env.stdout, "encoding", None) or "utf-8"
    try:
        "█▀▄".encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def _session_files(env: Environment, path: str, rule_base: RuleBase) -> SessionFiles:
    """The session file's reads, writes and reports, lent to the web edge."""
    from espaces_cli.cli.live_session import CachedSession
    from espaces_cli.core.group import advise_group
    from espaces_cli.render.workshop_html import render_group_html
    from espaces_cli.render.workshop_report import render_group_json
    from espaces_cli.web.live import SessionFiles
    from espaces_cli.workshop_io import now

    def report_json(session: object) -> str:
        from espaces_cli.core.session import Session

        assert isinstance(session, Session)
        group = advise_group(rule_base, session.title, session.participants)
        return render_group_json(group, rule_base)

    def report_html(session: object) -> str:
        from espaces_cli.core.session import Session

        assert isinstance(session, Session)
        group = advise_group(rule_base, session.title, session.participants)
        return render_group_html(group, rule_base)

    def quiet(message: str) -> None:
        env.say(message)

    cached = CachedSession(path, rule_base, quiet)
    return SessionFiles(
        path=path,
        read=cached.read,
        change=cached.change,
        group_json=report_json,
        group_html=report_html,
        now=now,
    )


def _serve(
    env: Environment, session_file: str, live: Live, sock: socket.socket, base: str, qr: bool
) -> None:
    import uvicorn

    from espaces_cli.web.app import build_app
    from espaces_cli.web.pages import qr_terminal
    from espaces_cli.web.tokens import shown_code

    state = live.state
    join_url = f"{base}/j/{state.join}"
    lines = [_("Participants : {url}", url=join_url)]
    env.out("\n".join(lines) + "\n")
    if qr and _can_draw(env):
        env.out(qr_terminal(join_url))
    env.lines(
        _("Code de l'atelier : {code}", code=shown_code(state.join)),
        _("Animation (ne pas diffuser) : {url}", url=f"{base}/a/{state.admin}"),
        _("Ctrl-C pour arrêter le serveur."),
    )
    env.flush()
    config = uvicorn.Config(
        build_app(live, base),
        log_level="warning",
        access_log=False,
        server_header=False,
        date_header=False,
        proxy_headers=False,
        timeout_graceful_shutdown=3,
        limit_concurrency=4096,  # past it: 503, never an exhausted machine
    )
    server = uvicorn.Server(config)
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        pass
    finally:
        sock.close()
    count = len(live.session().participants)
    env.say(
        _n(
            "Serveur arrêté. Session : {path} ({count} participant). Rapport : "
            "espaces workshop report {path}",
            "Serveur arrêté. Session : {path} ({count} participants). Rapport : "
            "espaces workshop report {path}",
            count,
            path=session_file,
        )
    )
