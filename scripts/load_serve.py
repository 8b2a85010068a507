"""Load test of ``workshop serve``: many participants submit at the same moment (loopback only).

Usage: python scripts/load_serve.py [--participants 300] [--rounds 1]

Starts the live workshop's application on 127.0.0.1 in a child process (the same
application as ``espaces workshop serve``, with the per-client rate limit lifted: every
simulated phone comes from 127.0.0.1 here), then opens one connection per participant,
sends every answer at once, and reports throughput, latency percentiles and the server's
peak memory. Every participant must be in the session file at the end, or it fails.
Bounded: at most 2,000 participants, 120 seconds per round.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HOST = "127.0.0.1"
MAX_PARTICIPANTS = 2000
ROUND_SECONDS = 120
PROFILES = [
    {"profil": "independant", "besoins": ["salles_reunion"], "stade": "lancement"},
    {"profil": "porteur_projet", "besoins": ["prototypage"], "stade": "idee"},
    {"profil": "etudiant", "besoins": ["bureau_mobile", "convivialite"], "stade": "sans_projet"},
    {"profil": "petite_structure", "besoins": ["accompagnement"], "stade": "croissance"},
]
COMMON = {"frequence": "reguliere", "duree": "essai", "budget": "modeste"}


def serve(session: str, port_file: str) -> None:
    """Child process: the served application, its address and tokens written to ``port_file``."""
    import socket

    import uvicorn

    from espaces_cli.cli.environment import Environment
    from espaces_cli.cli.serve import prepare_live
    from espaces_cli.web.app import build_app
    from espaces_cli.web.guard import Limits

    live = prepare_live(Environment.of_process(), session, None, "Charge")
    sock = socket.socket()
    sock.bind((HOST, 0))
    sock.listen(4096)
    port = sock.getsockname()[1]
    app = build_app(live, f"http://{HOST}:{port}", Limits(rate=1e9, burst=10**9))
    info = {"port": port, "join": live.state.join, "admin": live.state.admin}
    Path(port_file).write_text(json.dumps(info), encoding="utf-8")
    config = uvicorn.Config(app, log_level="warning", access_log=False, server_header=False)
    uvicorn.Server(config).run(sockets=[sock])


async def submit(port: int, path: str, body: bytes, gate: asyncio.Event) -> tuple[int, float]:
    reader, writer = await asyncio.open_connection(HOST, port)
    request = (
        f"POST {path} HTTP/1.1\r\nHost: {HOST}\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    ).encode() + body
    await gate.wait()
    started = time.perf_counter()
    writer.write(request)
    await writer.drain()
    status_line = await reader.readline()
    await reader.read()
    elapsed = time.perf_counter() - started
    writer.close()
    return int(status_line.split()[1]), elapsed


async def poll_facilitator(port: int, admin: str, stop: asyncio.Event) -> int:
    """The projected page's script: fetch the live part every two seconds."""
    polls = 0
    while not stop.is_set():
        reader, writer = await asyncio.open_connection(HOST, port)
        writer.write(
            f"GET /a/{admin}/live HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode()
        )
        await reader.read()
        writer.close()
        polls += 1
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), 2)
    return polls


async def one_round(info: dict[str, object], count: int, offset: int) -> dict[str, float]:
    port = int(str(info["port"]))
    path = f"/j/{info['join']}/answers"
    gate, stop = asyncio.Event(), asyncio.Event()
    bodies = []
    for i in range(count):
        answers = {**PROFILES[i % len(PROFILES)], **COMMON, "territoire": "grande_ville"}
        bodies.append(json.dumps({"name": f"P{offset + i:05d}", "answers": answers}).encode())
    poller = asyncio.create_task(poll_facilitator(port, str(info["admin"]), stop))
    tasks = [asyncio.create_task(submit(port, path, body, gate)) for body in bodies]
    await asyncio.sleep(0.5)  # every connection open, then all answers at once
    started = time.perf_counter()
    gate.set()
    results = await asyncio.wait_for(asyncio.gather(*tasks), ROUND_SECONDS)
    wall = time.perf_counter() - started
    stop.set()
    await poller
    statuses = [s for s, _ in results]
    latencies = sorted(t for _, t in results)
    bad = [s for s in statuses if s != 201]
    if bad:
        raise SystemExit(f"{len(bad)} answers refused: statuses {sorted(set(bad))}")
    return {
        "participants": count,
        "seconds": wall,
        "answers_per_second": count / wall,
        "p50_ms": 1000 * statistics.median(latencies),
        "p95_ms": 1000 * latencies[int(0.95 * (len(latencies) - 1))],
        "max_ms": 1000 * latencies[-1],
    }


def peak_memory_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--serve", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(*args.serve)
        return 0
    count = max(1, min(args.participants, MAX_PARTICIPANTS))
    folder = Path(tempfile.mkdtemp(prefix="espaces-load-"))
    session, port_file = folder / "atelier.yaml", folder / "server.json"
    env = {**os.environ, "ESPACES_STATE_DIR": str(folder / "state")}
    child = subprocess.Popen(
        [sys.executable, __file__, "--serve", str(session), str(port_file)], env=env
    )
    try:
        deadline = time.monotonic() + 30
        while not port_file.exists() or not port_file.read_text():
            if time.monotonic() > deadline or child.poll() is not None:
                raise SystemExit("the server did not start")
            time.sleep(0.05)
        time.sleep(0.3)
        info = json.loads(port_file.read_text())
        for round_number in range(args.rounds):
            figures = asyncio.run(one_round(info, count, round_number * count))
            print(
                f"round {round_number + 1}: {figures['participants']:.0f} participants at once: "
                f"{figures['answers_per_second']:.0f} answers/s, "
                f"p50 {figures['p50_ms']:.0f} ms, p95 {figures['p95_ms']:.0f} ms, "
                f"max {figures['max_ms']:.0f} ms"
            )
        print(f"server peak memory: {peak_memory_mb(child.pid):.0f} MB")
    finally:
        child.terminate()
        child.wait(10)
    text = session.read_text(encoding="utf-8")
    kept = sum(1 for line in text.splitlines() if line.startswith("- {"))
    expected = count * args.rounds
    print(f"kept in the session file: {kept} of {expected}")
    return 0 if kept == expected else 1


if __name__ == "__main__":
    raise SystemExit(main())
