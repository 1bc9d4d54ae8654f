"""End to end, as an operator sees it: `pearl serve` brings up a real Prefect server, the work
pool, the deployments of deployments/prefect.yaml, the alert automations and a worker; a
triggered daily run loads the replica into DuckDB; a failing run calls the alert webhook; the
Prefect UI, opened in headless Chromium, shows the run and its artifacts. Every process started
is stopped by its PID."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import duckdb
import pytest

from flows.prefect_server import free_port
from tests.conftest import pearl_cli

ROOT = Path(__file__).resolve().parents[1]
SCREENSHOTS = ROOT / "build" / "e2e"  # ignored by git
CHROMIUM = shutil.which("chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="Debian chromium is not installed (.ci/run installs it)"
)


class _Hook(BaseHTTPRequestHandler):
    received: list[dict] = []  # noqa: RUF012 (one receiver per test session)

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("content-length", 0)))
        self.received.append(json.loads(body or b"{}"))
        self.send_response(200)
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def webhook() -> Iterator[tuple[str, list[dict]]]:
    server = HTTPServer(("127.0.0.1", 0), _Hook)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/alerts", _Hook.received
    server.shutdown()


@pytest.fixture(scope="module")
def stack(tmp_path_factory, replica_url, webhook) -> Iterator[dict]:
    data = tmp_path_factory.mktemp("serve")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env |= {"PEARL_DATA_DIR": str(data), "PREFECT_HOME": str(data / "prefect")}
    up = pearl_cli(
        [
            "serve",
            "--port",
            str(port),
            "--base-url",
            replica_url,
            "--db",
            str(data / "pearl.duckdb"),
            "--delay",
            "0",
            "--webhook",
            webhook[0],
        ],
        env,
    )
    assert up.returncode == 0, up.stdout + up.stderr
    state = json.loads((data / "serve.json").read_text())
    api = {**env, "PREFECT_API_URL": f"http://127.0.0.1:{port}/api"}
    try:
        yield {"env": env, "api_env": api, "port": port, "data": data, "state": state}
    finally:
        down = pearl_cli(["serve", "--stop"], env)
        assert down.returncode == 0, down.stdout + down.stderr
        for pid in (*state["worker_pids"], state["server_pid"]):
            assert not _alive(pid), f"process {pid} still running"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"


def _run_deployment(api_env: dict[str, str], day_from: str, day_to: str) -> dict:
    """Trigger the daily deployment and wait for its final state; returns the flow run as JSON."""
    code = f"""
import json
from prefect.deployments import run_deployment
run = run_deployment("pearl-daily/daily", parameters={{"date_from": "{day_from}", "date_to": "{day_to}"}}, timeout=240)
print(json.dumps({{"id": str(run.id), "name": run.name, "state": run.state.name, "message": run.state.message}}))
"""
    done = subprocess.run(
        [sys.executable, "-c", code], env=api_env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def _page_text(url: str, screenshot: Path) -> str:
    """What a person would read on the page, after the single-page app has rendered."""
    profile = SCREENSHOTS / "chromium-profile"
    base = [CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--virtual-time-budget=30000"]
    subprocess.run(
        [*base, "--window-size=1400,1400", f"--screenshot={screenshot}", url],
        capture_output=True,
        timeout=120,
        check=False,
    )
    dom = subprocess.run(
        [*base, "--dump-dom", url], capture_output=True, text=True, timeout=120
    ).stdout
    dom = re.sub(r"<script.*?</script>|<style.*?</style>", "", dom, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", dom)).split())


def _summary_artifact_id(api_env: dict[str, str], flow_run_id: str) -> str:
    code = f"""
from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId, ArtifactFilterKey
with get_client(sync_client=True) as c:
    found = c.read_artifacts(artifact_filter=ArtifactFilter(
        key=ArtifactFilterKey(any_=["pearl-run-summary"]), flow_run_id=ArtifactFilterFlowRunId(any_=["{flow_run_id}"])))
    print(found[0].id)
"""
    done = subprocess.run(
        [sys.executable, "-c", code], env=api_env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_scheduled_deployment_runs_alerts_and_shows_in_the_ui(stack, webhook):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    run = _run_deployment(stack["api_env"], "2020-12-01", "2020-12-31")
    assert run["state"] == "Completed", run

    con = duckdb.connect(str(stack["data"] / "pearl.duckdb"), read_only=True)
    try:
        counts = dict(
            con.execute(
                "SELECT 'articles', count(*) FROM articles UNION ALL "
                "SELECT 'speeches', count(*) FROM speeches UNION ALL "
                "SELECT 'metrics', count(*) FROM metrics"
            ).fetchall()
        )
    finally:
        con.close()
    assert counts["articles"] > 0 and counts["speeches"] > 0 and counts["metrics"] > 0

    failed = _run_deployment(
        stack["api_env"], "2022-01-05", "2022-01-05"
    )  # an issue with no articles
    assert failed["state"] == "Failed" and "yielded no articles" in failed["message"]
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not any(
        h.get("flow_run") == failed["name"] for h in webhook[1]
    ):
        time.sleep(1)
    alert = next(h for h in webhook[1] if h.get("flow_run") == failed["name"])
    assert alert["alert"] == "pearl-daily failed" and "yielded no articles" in alert["message"]

    ui = f"http://127.0.0.1:{stack['port']}"
    run_page = _page_text(f"{ui}/runs/flow-run/{run['id']}", SCREENSHOTS / "flow-run.png")
    assert run["name"] in run_page and "Completed" in run_page and "pearl-daily" in run_page
    artifact = _summary_artifact_id(stack["api_env"], run["id"])
    artifact_page = _page_text(
        f"{ui}/artifacts/artifact/{artifact}", SCREENSHOTS / "run-summary.png"
    )
    assert "pearl run: 2020-12-01 → 2020-12-31" in artifact_page
    assert f"new {counts['articles']}" in artifact_page and run["name"] in artifact_page
    failed_page = _page_text(f"{ui}/runs/flow-run/{failed['id']}", SCREENSHOTS / "failed-run.png")
    assert "Failed" in failed_page and "yielded no articles" in failed_page
    assert (SCREENSHOTS / "flow-run.png").stat().st_size > 10_000
