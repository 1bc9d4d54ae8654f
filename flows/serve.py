"""Bring the scheduled deployment up on one machine, and down again: Prefect server on loopback,
a process work pool, the deployments of deployments/prefect.yaml, the alert automations and a
worker. PIDs are kept in a state file so that `pearl serve --stop` stops exactly what it started."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

from flows.prefect_server import server_env, start_server
from tasks.core.settings import REPO_ROOT

POOL = "pearl-pool"
WRITER_LIMIT = "pearl-writer"
# Flow runs one worker takes at once: a backfill's parent and a month, or two months (the work is
# CPU-bound); the other sub-runs stay queued for the pool's other workers.
RUNS_PER_WORKER = 2
DAILY_FLOW = "pearl-daily"
ALERT_BLOCK = "pearl-alerts"
# A failed or crashed daily run, and a day without a completed one (26 h: 24 h plus slack for
# a slow run or a late scheduler) both page the operator.
FAILED_AUTOMATION = "pearl-daily-failed"
SILENT_AUTOMATION = "pearl-daily-silent"
SILENCE = timedelta(hours=26)


def _prefect(args: list[str], env: dict[str, str], log: Path) -> None:
    """Run a Prefect CLI command against the server in `env`; raise with its output on failure."""
    cmd = [sys.executable, "-m", "prefect", "--no-prompt", *args]
    done = subprocess.run(cmd, env=env, cwd=REPO_ROOT, capture_output=True, text=True)
    with open(log, "a", encoding="utf-8") as handle:
        handle.write(f"$ {' '.join(args)}\n{done.stdout}{done.stderr}\n")
    if done.returncode != 0:
        raise RuntimeError(f"prefect {' '.join(args)} failed:\n{done.stdout}{done.stderr}")


def create_automations(webhook_url: str) -> list[str]:
    """(Re)create the alert automations, calling `webhook_url` (idempotent: same names replaced)."""
    from prefect.automations import Automation, CallWebhook, EventTrigger, Posture
    from prefect.blocks.webhook import Webhook
    from prefect.client.orchestration import get_client

    block_id = Webhook(method="POST", url=webhook_url, allow_private_urls=True).save(
        ALERT_BLOCK, overwrite=True
    )
    related = {"prefect.resource.role": "flow", "prefect.resource.name": DAILY_FLOW}
    automations = [
        Automation(
            name=FAILED_AUTOMATION,
            description="A daily pearl run failed or crashed.",
            trigger=EventTrigger(
                expect={
                    "prefect.flow-run.Failed",
                    "prefect.flow-run.Crashed",
                    "prefect.flow-run.TimedOut",
                },
                match_related=related,
                posture=Posture.Reactive,
                threshold=1,
            ),
            actions=[CallWebhook(block_document_id=block_id, payload=_payload("failed"))],
        ),
        Automation(
            name=SILENT_AUTOMATION,
            description="No daily pearl run completed in 26 hours.",
            trigger=EventTrigger(
                expect={"prefect.flow-run.Completed"},
                match_related=related,
                posture=Posture.Proactive,
                threshold=1,
                within=SILENCE,
            ),
            actions=[CallWebhook(block_document_id=block_id, payload=_payload("silent"))],
        ),
    ]
    with get_client(sync_client=True) as client:
        for automation in automations:
            for old in client.read_automations_by_name(automation.name):
                client.delete_automation(old.id)
    return [str(a.create().id) for a in automations]


def _payload(kind: str) -> str:
    if kind == "failed":
        return json.dumps(
            {
                "alert": "pearl-daily failed",
                "flow_run": "{{ flow_run.name }}",
                "state": "{{ flow_run.state.name }}",
                "message": "{{ flow_run.state.message }}",
            }
        )
    return json.dumps({"alert": "no pearl-daily run completed in 26 hours"})


def ensure_writer_limit() -> None:
    """The global concurrency limit that lets one sub-run at a time write (flows/months.py);
    without it Prefect only warns and limits nothing, so it is created before any run."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.actions import GlobalConcurrencyLimitCreate
    from prefect.exceptions import ObjectNotFound

    with get_client(sync_client=True) as client:
        try:
            client.read_global_concurrency_limit_by_name(WRITER_LIMIT)
        except ObjectNotFound:
            client.create_global_concurrency_limit(
                GlobalConcurrencyLimitCreate(name=WRITER_LIMIT, limit=1)
            )


def start_worker(env: dict[str, str], name: str, log_file: Path) -> subprocess.Popen:
    """A process worker polling the pool; each flow run it pulls is its own subprocess. On
    another machine the same command runs with PREFECT_API_URL pointing at the server."""
    log = open(log_file, "ab")  # noqa: SIM115 (the worker outlives this call)
    cmd = [sys.executable, "-m", "prefect", "worker", "start", "--pool", POOL, "--name", name]
    cmd += ["--limit", str(RUNS_PER_WORKER)]
    return subprocess.Popen(
        cmd,
        env=env,
        cwd=log_file.parent,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def up(
    port: int,
    home: Path,
    data_dir: Path,
    env_extra: dict[str, str],
    webhook: str | None,
    db_url: str | None = None,
    workers: int = 1,
) -> dict:
    """Start everything; returns the state written to data_dir/serve.json. The server keeps its
    state in PostgreSQL when `db_url` (or PEARL_PREFECT_DATABASE_URL) is given; `workers`
    process workers poll the pool (the month sub-runs of a backfill spread over them)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    log = data_dir / "serve.log"
    server = start_server(home, port, data_dir / "prefect-server.log", detach=True, db_url=db_url)
    env = server_env(home, port, db_url) | env_extra
    _prefect(["work-pool", "create", POOL, "--type", "process", "--overwrite"], env, log)
    _prefect(["deploy", "--prefect-file", "deployments/prefect.yaml", "--all"], env, log)
    os.environ.update({k: v for k, v in env.items() if k.startswith("PREFECT_")})
    ensure_writer_limit()
    automations = create_automations(webhook) if webhook else []
    pids = [
        start_worker(env, f"pearl-worker-{n}", data_dir / f"prefect-worker-{n}.log").pid
        for n in range(1, workers + 1)
    ]
    state = {
        "server_pid": server.pid,
        "worker_pids": pids,
        "port": port,
        "home": str(home),
        "api_url": env["PREFECT_API_URL"],
        "automations": automations,
    }
    (data_dir / "serve.json").write_text(json.dumps(state, indent=1), encoding="utf-8")
    return state


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _stop(pid: int, grace_s: float = 15) -> None:
    """SIGTERM, then again (a worker that has run a flow may ignore the first), then SIGKILL."""
    for sig in (signal.SIGTERM, signal.SIGTERM, signal.SIGKILL):
        if not _alive(pid):
            return
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + grace_s
        while time.monotonic() < deadline:
            try:
                if os.waitpid(pid, os.WNOHANG)[0] == pid:
                    return
            except ChildProcessError:  # not our child: poll for its exit instead
                if not _alive(pid):
                    return
            time.sleep(0.2)


def down(data_dir: Path) -> dict | None:
    """Stop the worker, then the server, by the PIDs `up` recorded; None if nothing was running."""
    path = data_dir / "serve.json"
    if not path.exists():
        return None
    state = json.loads(path.read_text(encoding="utf-8"))
    for pid in state["worker_pids"]:
        _stop(pid)
    _stop(state["server_pid"])
    path.unlink()
    return state
