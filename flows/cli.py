"""The `pearl` command: Pearl River Times e-paper → speeches, metrics and themes in DuckDB."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from flows.analyst_cli import add_commands as add_analyst_commands
from flows.bench import add_command as add_bench_command
from tasks.core import preflight
from tasks.core.clean import clean_plain_text
from tasks.core.preflight import Exit, Refused
from tasks.core.replica.generate import FAULT_DAYS
from tasks.core.settings import Settings, settings_error
from tasks.core.site import DEFAULT_EDITIONS
from tasks.core.writer_lock import WriterBusy, hold_writer

# The whole replica, and the first fault day after it: one article there cannot be parsed, so the
# demo shows a failed article recorded (failed_articles) while the run still completes.
DEMO_RANGE = (date(2019, 6, 1), FAULT_DAYS["broken_article"])
UI_PORT = 4200


def _prefect_home(settings: Settings) -> Path:
    return Path(os.environ.get("PREFECT_HOME", settings.data_dir / "prefect")).resolve()


# The stable keys of `pearl extract`; every other key is an addition.
SPEECH_KEYS = ("speaker", "title", "organization", "verb", "kind", "text")
METRIC_KEYS = ("value", "unit", "object", "subject", "text")


def _ordered(rows: list[dict], first: tuple[str, ...], drop: tuple[str, ...]) -> list[dict]:
    """Rows (which share their keys) with the keys of `first` first and `drop` left out."""
    keys = [*first, *(k for k in (rows[0] if rows else ()) if k not in first + drop)]
    return [{k: row[k] for k in keys} for row in rows]


def _write_json_rows(out: dict[str, Any], stream: TextIO) -> None:
    """JSON with one row per line: as easy to read as an indented dump, encoded by json's C
    encoder (an indented dump is pure Python: a second for the 70,000 rows of a huge text) and
    written row by row (their text can run to tens of megabytes)."""
    encode = json.JSONEncoder(ensure_ascii=False).encode
    stream.write("{")
    for i, (key, value) in enumerate(out.items()):
        stream.write(f"{',' if i else ''}\n {encode(key)}: ")
        if isinstance(value, list) and value:
            stream.write("[")
            for j, row in enumerate(value):
                stream.write(f"{',' if j else ''}\n  {encode(row)}")
            stream.write("\n ]")
        else:
            stream.write(encode(value))
    stream.write("\n}\n")


def cmd_extract(args: argparse.Namespace) -> int:
    """Speeches, statements of bodies and metrics of a plain-text article, as JSON. The keys of
    SPEECH_KEYS and METRIC_KEYS are a stable interface; offsets refer to the cleaned text."""
    from tasks.core.pipeline import extract_findings

    path = Path(args.file)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        print(f"pearl extract: cannot read {path} as UTF-8 text: {exc}", file=sys.stderr)
        return 2
    found = extract_findings(clean_plain_text(text).paragraphs)
    out = {
        "date": args.date,
        "speeches": _ordered(found.speeches, SPEECH_KEYS, ("speech_no",)),
        "statements": _ordered(found.statements, ("body", "verb", "text"), ("statement_no",)),
        "metrics": _ordered(found.metrics, METRIC_KEYS, ("metric_no",)),
    }
    _write_json_rows(out, sys.stdout)
    return 0


def _run_flow(
    base_url: str,
    db: Path,
    date_from: date | None,
    date_to: date | None,
    editions: list[str],
    delay_s: float | None,
    workers: int = 0,
) -> dict:
    from flows.cluster import task_runner  # imported late: Prefect costs a second to import
    from flows.daily import daily
    from flows.prefect_server import without_heartbeats

    flow = daily.with_options(task_runner=task_runner(workers)) if workers else daily
    with without_heartbeats():
        return flow(
            base_url=base_url,
            db_path=str(db),
            date_from=date_from,
            date_to=date_to,
            editions=editions,
            delay_s=delay_s,
        )


def _refuse(command: str, exc: Refused) -> int:
    print(f"pearl {command}: {exc}", file=sys.stderr)
    return exc.code


def use_prefect_home(settings: Settings) -> Path:
    """Record flow runs in the Prefect database `pearl ui` shows (under the data directory),
    unless a Prefect server is configured; offline, like the servers pearl starts (analytics
    on makes a temporary server's SQLite report "database is locked"). Set before Prefect is
    imported."""
    from flows.prefect_server import OFFLINE_ENV

    home = _prefect_home(settings)
    os.environ["PREFECT_HOME"] = str(home)
    for name, value in OFFLINE_ENV.items():
        os.environ.setdefault(name, value)
    return home


def cmd_run(args: argparse.Namespace) -> int:
    """The daily flow: new issues since the last successful run, or --from/--to (one day alone
    when only --from is given). Arguments, the database path, the site and the writer are
    checked before Prefect starts."""
    if args.date_from and not args.date_to:
        args.date_to = args.date_from
    settings = Settings()
    try:
        db = preflight.database_path(Path(args.db))
        preflight.date_range(args.date_from, args.date_to)
        preflight.site_reachable(args.base_url, settings.user_agent, settings.timeout_s)
        preflight.writer_free(db)
    except Refused as exc:
        return _refuse("run", exc)
    use_prefect_home(settings)
    try:
        result = _run_flow(
            args.base_url, db, args.date_from, args.date_to, args.edition, args.delay, args.workers
        )
    except WriterBusy as exc:
        print(f"pearl run: {exc}", file=sys.stderr)
        return Exit.BUSY
    except Exception as exc:  # the flow run has logged its traceback; the operator gets one line
        print(f"pearl run: the run failed: {type(exc).__name__}: {exc}", file=sys.stderr)
        return Exit.FAILED
    print(result["summary"].markdown(result["row_counts"]))
    print(f"\nDatabase: {result['db']}")
    return Exit.OK


def cmd_replica(args: argparse.Namespace) -> int:
    from tasks.core.replica.render import build_site
    from tasks.core.replica.server import ReplicaServer

    root = Path(args.root)
    counts = build_site(root, seed=args.seed, faults=args.faults)
    print(f"Replica built in {root}: {counts}")
    if args.serve:
        with ReplicaServer(root, port=args.port) as server:
            print(f"Serving on {server.base_url} (Ctrl-C to stop)")
            try:
                while True:
                    time.sleep(3600)
            except KeyboardInterrupt:
                pass
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    """Build and serve the replica, run the daily flow over all of it, show what it produced."""
    from flows.prefect_server import free_port, healthy, server_env, start_server, stop_server
    from tasks.core import store
    from tasks.core.replica.render import build_site
    from tasks.core.replica.server import ReplicaServer

    settings = Settings()
    started = time.monotonic()
    root = settings.data_dir / "replica"
    counts = build_site(root, faults=True)
    print(f"[demo] replica: {counts['issues']} issues, {counts['articles']} articles in {root}")
    home = _prefect_home(settings)
    env = dict(os.environ)
    proc = None
    api = os.environ.get("PREFECT_API_URL")
    if not (api and healthy(api)):
        port = free_port()
        print(f"[demo] starting a Prefect server on 127.0.0.1:{port} (its database: {home})")
        proc = start_server(home, port, settings.data_dir / "prefect-server.log")
        env = server_env(home, port)
    try:
        with ReplicaServer(root) as replica:
            print(
                f"[demo] replica served at {replica.base_url}; daily flow over {DEMO_RANGE[0]} … {DEMO_RANGE[1]}"
            )
            # The flow runs in its own process, which drains its logs and events to the
            # server before exiting; only then is the server stopped.
            cmd = [
                sys.executable,
                "-m",
                "flows.cli",
                "run",
                "--base-url",
                replica.base_url,
                "--db",
                args.db,
                "--from",
                DEMO_RANGE[0].isoformat(),
                "--to",
                DEMO_RANGE[1].isoformat(),
                "--delay",
                "0",
            ]
            done = subprocess.run(cmd, env=env, check=False)
    finally:
        if proc:
            stop_server(proc)
    if done.returncode != 0:
        print("[demo] the flow run failed; see its log above", file=sys.stderr)
        return done.returncode
    db = Path(args.db).resolve()
    con = store.connect(db, read_only=True)
    try:
        rows = con.execute(store.sql("queries/top_themes_by_month")).fetchall()
        counts = store.row_counts(con) | store.view_counts(con)
        village = con.execute(store.sql("queries/theme_monthly"), ["村级工业园改造"]).fetchall()
    finally:
        con.close()
    print("\nRows per table and view:")
    for name, n in counts.items():
        print(f"  {name:<32}{n:>8}")
    print("\nTop themes per month (theme_mentions_monthly):")
    for month, theme, mentions, articles, share in rows:
        print(
            f"  {month:%Y-%m}  {theme:<12} mentions={mentions:<4} articles={articles:<3} share={share}"
        )
    print("\n村级工业园改造, share of each month's articles (theme_mentions_monthly):")
    for month, articles, all_articles, share in village:
        print(f"  {month:%Y-%m}  {'#' * round(share * 40):<40} {articles:>3}/{all_articles:<3}")
    from tasks.core.analyst_report import write_report

    report = write_report(db, settings.data_dir / "report.html").resolve()
    print(f"""
[demo] done in {time.monotonic() - started:.0f} s.
The report (charts, opens offline): {report}
Query the data (read-only, safe while the next run writes):
  {Path(sys.executable).parent / "pearl"} sql       # the DuckDB CLI, views ready
  {Path(sys.executable).parent / "pearl"} search 村级工业园
  {Path(sys.executable).parent / "pearl"} export theme_mentions_monthly --format xlsx
See the flow runs in the Prefect UI:
  {Path(sys.executable).parent / "pearl"} ui    # then open http://127.0.0.1:{UI_PORT}/runs
""")
    return 0


def cmd_ui(args: argparse.Namespace) -> int:
    """Serve the Prefect UI on the database the demo and runs wrote to."""
    from flows.prefect_server import start_server, stop_server

    settings = Settings()
    home = _prefect_home(settings)
    proc = start_server(home, args.port, settings.data_dir / "prefect-server.log")
    print(f"Prefect UI: http://127.0.0.1:{args.port}/runs  (Ctrl-C to stop)")
    try:
        proc.wait()
    except KeyboardInterrupt:
        stop_server(proc)
    return 0


def _existing_database(db: str) -> Path:
    """The published database a maintenance command rewrites; Refused if there is none."""
    from tasks.core import store

    published = preflight.database_path(Path(db))
    if not published.exists() and not store.writer_path(published).exists():
        raise Refused(
            f"no database at {published}; run `pearl demo` or `pearl run` first", Exit.USAGE
        )
    return published


def cmd_retag(args: argparse.Namespace) -> int:
    """Re-tag all history from the stored sentences after editing the taxonomy file."""
    from tasks.core import store
    from tasks.core.retag import retag
    from tasks.core.themes import THEMES_FILE, load_themes

    try:
        published = _existing_database(args.db)
        themes = load_themes()
    except Refused as exc:
        return _refuse("retag", exc)
    except ValueError as exc:
        print(f"pearl retag: {exc}", file=sys.stderr)
        return Exit.USAGE
    try:
        with hold_writer(published, "pearl retag", Settings().writer_wait_s):
            con = store.open_writer(published)
            counts = retag(con, themes)
            store.publish(con, published)
    except WriterBusy as exc:
        print(f"pearl retag: {exc}", file=sys.stderr)
        return Exit.BUSY
    print(
        f"Re-tagged {counts['sentences']} sentences with {len(themes)} themes from {THEMES_FILE}: "
        f"{counts['sentence_themes']} theme tags, {counts['article_terms']} article terms. Published {published}."
    )
    return Exit.OK


def cmd_reprocess(args: argparse.Namespace) -> int:
    """Re-derive every stored article from its archived HTML, without the network."""
    from tasks.core import store
    from tasks.core.reprocess import reprocess

    try:
        published = _existing_database(args.db)
    except Refused as exc:
        return _refuse("reprocess", exc)
    try:
        with hold_writer(published, "pearl reprocess", Settings().writer_wait_s):
            if args.workers or Settings().dask_address:
                from flows.cluster import reprocess_on_cluster, task_runner
                from flows.prefect_server import without_heartbeats

                use_prefect_home(Settings())
                flow = reprocess_on_cluster.with_options(task_runner=task_runner(args.workers))
                with without_heartbeats():
                    counts = flow(str(published))["outcome"]
            else:
                con = store.open_writer(published)
                counts = reprocess(con)
                store.publish(con, published)
    except WriterBusy as exc:
        print(f"pearl reprocess: {exc}", file=sys.stderr)
        return Exit.BUSY
    print(
        "Reprocessed the raw archive: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
    )
    return Exit.OK


def cmd_serve(args: argparse.Namespace) -> int:
    """Bring up (or, with --stop, take down) server, pool, deployments, automations and worker."""
    from flows import serve

    settings = Settings()
    if args.stop:
        state = serve.down(settings.data_dir)
        print(
            "Nothing to stop."
            if state is None
            else f"Stopped workers {state['worker_pids']} and server {state['server_pid']}."
        )
        return 0
    env = {
        "PEARL_BASE_URL": args.base_url,
        "PEARL_DB": str(Path(args.db).resolve()),
        "PEARL_DATA_DIR": str(settings.data_dir),
    }
    if args.delay is not None:
        env["PEARL_DELAY"] = str(args.delay)
    try:
        state = serve.up(
            args.port,
            _prefect_home(settings),
            settings.data_dir,
            env,
            args.webhook,
            args.database_url,
            args.pool_workers,
        )
    except ValueError as exc:  # a database URL that is not PostgreSQL's
        print(f"pearl serve: {exc}", file=sys.stderr)
        return 2
    alerts = (
        f"{len(state['automations'])} automations calling {args.webhook}"
        if args.webhook
        else "none (pass --webhook URL or set PEARL_ALERT_WEBHOOK)"
    )
    print(f"""Prefect server  {state["api_url"]}  (pid {state["server_pid"]})
Prefect UI      http://127.0.0.1:{args.port}/deployments
Workers         pool {serve.POOL} (pids {state["worker_pids"]}); runs write {env["PEARL_DB"]}
Deployments     pearl-daily/daily (cron 30 6 * * *, Asia/Shanghai), pearl-backfill/backfill,
                pearl-backfill-months/backfill-months (sub-runs by month over the workers)
Alerts          {alerts}
Run now         PREFECT_API_URL={state["api_url"]} prefect deployment run pearl-daily/daily --watch
Stop            pearl serve --stop""")
    return 0


def cmd_check_site(args: argparse.Namespace) -> int:
    """Fetch the newest issue and one article; report, field by field, what the adapter found."""
    from tasks.core.check_site import all_required_found, check_site, format_findings
    from tasks.core.http import Fetcher
    from tasks.core.pipeline import today_for_paper

    settings = Settings()
    fetcher = Fetcher(settings.user_agent, settings.timeout_s, settings.delay_s, settings=settings)
    ok = True
    try:
        for edition in args.edition:
            findings, url = check_site(
                fetcher, args.base_url, edition, args.date or today_for_paper()
            )
            print(f"[{edition}] " + format_findings(findings, url) + "\n")
            ok = ok and all_required_found(findings)
    finally:
        fetcher.close()
    print(
        "All required fields found."
        if ok
        else "Some required fields were not found: correct tasks/core/site.py."
    )
    return 0 if ok else 1


def cmd_score(args: argparse.Namespace) -> int:
    """Precision, recall and F1 of the extractors on the gold set and, when it is present, on the
    shared development set of real articles; the errors if asked."""
    from tasks.core.scoring import load_devset, load_gold, score_article

    gold_dir = Path(args.gold)
    seed = gold_dir.parent / "fixtures" / "guicheng-work-meeting-2020-12.txt"
    with_seed = seed.exists() and gold_dir.name == "gold"  # the held-out set stands alone
    scores = [score_article(a) for a in load_gold(gold_dir, seed if with_seed else None)]
    _print_scores(f"gold set {gold_dir}", scores, args.verbose, statements=True)
    devset = Path(args.devset)
    if not (devset / "gold").is_dir():
        print(f"\ndev set: {devset} is absent, skipped")
        return 0
    names = {n.strip() for n in args.only.split(",") if n.strip()} or None
    dev = [score_article(a) for a in load_devset(devset, names)]
    _print_scores(f"dev set {devset}", dev, args.verbose, statements=False)
    return 0


def _print_scores(label: str, scores: list, verbose: bool, statements: bool) -> None:
    from tasks.core.scoring import total

    for s in scores:
        if verbose and s.errors:
            print(f"--- {s.name}")
            for error in s.errors:
                print(f"    {error}")
    t = total(scores)
    print(f"\n{label}: {len(scores)} articles")
    print(
        f"speeches   (speaker + start)  P={t.speeches.precision:.3f} R={t.speeches.recall:.3f} "
        f"F1={t.speeches.f1:.3f}  gold={t.speeches.gold} found={t.speeches.predicted}"
    )
    print(
        f"           title accuracy     {t.titles.value:.3f} ({t.titles.correct}/{t.titles.total})"
    )
    if statements:
        print(
            f"statements (body + start)     P={t.statements.precision:.3f} "
            f"R={t.statements.recall:.3f} F1={t.statements.f1:.3f}  gold={t.statements.gold} "
            f"found={t.statements.predicted}"
        )
    print(
        f"metrics    (value + span)     P={t.metrics.precision:.3f} R={t.metrics.recall:.3f} "
        f"F1={t.metrics.f1:.3f}  gold={t.metrics.gold} found={t.metrics.predicted}"
    )
    print(f"           unit accuracy      {t.units.value:.3f} ({t.units.correct}/{t.units.total})")
    print(
        f"           object accuracy    {t.objects.value:.3f} ({t.objects.correct}/{t.objects.total})"
    )


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text}") from exc


def _workers_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--workers",
        type=int,
        default=0,
        help="fetch, parse and extract on a local Dask cluster of N processes "
        "(PEARL_DASK_ADDRESS: on an existing cluster instead)",
    )


def build_parser() -> argparse.ArgumentParser:
    settings = Settings()
    parser = argparse.ArgumentParser(prog="pearl", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser(
        "demo", help="build and serve the replica, run the daily flow over it end to end"
    )
    p.add_argument("--db", default=str(settings.db_path))
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser(
        "run", help="the daily flow (new issues since the last run, or a date range)"
    )
    p.add_argument("--base-url", default=settings.base_url)
    p.add_argument("--db", default=str(settings.db_path))
    p.add_argument("--from", dest="date_from", type=_date)
    p.add_argument("--to", dest="date_to", type=_date)
    p.add_argument(
        "--edition",
        action="append",
        default=None,
        help="edition code, repeatable (default zjsb, gcsq)",
    )
    p.add_argument("--delay", type=float, default=None, help="seconds between requests to one host")
    _workers_option(p)
    p.set_defaults(func=cmd_run)

    p = sub.add_parser(
        "extract", help="speeches, statements and metrics of a plain-text article, as JSON"
    )
    p.add_argument("file")
    p.add_argument("--date", type=lambda s: _date(s).isoformat(), default=None)
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("replica", help="build the local replica of the e-paper (and serve it)")
    p.add_argument("--root", default=str(settings.data_dir / "replica"))
    p.add_argument("--seed", type=int, default=20201223)
    p.add_argument("--serve", action="store_true")
    p.add_argument(
        "--faults", action="store_true", help="add the fault issues of early January 2022"
    )
    p.add_argument("--port", type=int, default=8000)
    p.set_defaults(func=cmd_replica)

    p = sub.add_parser("serve", help="start server, work pool, deployments, alerts and a worker")
    p.add_argument("--port", type=int, default=UI_PORT)
    p.add_argument("--base-url", default=settings.base_url)
    p.add_argument("--db", default=str(settings.db_path))
    p.add_argument("--delay", type=float, default=None, help="seconds between requests to one host")
    p.add_argument(
        "--webhook", default=settings.alert_webhook or None, help="URL the alerts POST to"
    )
    p.add_argument(
        "--database-url",
        default=None,
        help="PostgreSQL for the Prefect server's state, postgresql://user:pw@host/db "
        "(default PEARL_PREFECT_DATABASE_URL; unset: SQLite under PREFECT_HOME)",
    )
    p.add_argument(
        "--pool-workers", type=int, default=1, help="Prefect workers polling the work pool"
    )
    p.add_argument("--stop", action="store_true", help="stop what a previous `pearl serve` started")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("check-site", help="report what the site adapter finds on the newest issue")
    p.add_argument("--base-url", default=settings.base_url)
    p.add_argument("--edition", action="append", default=None, help="edition code, repeatable")
    p.add_argument(
        "--date", type=_date, default=None, help="look for the newest issue up to this date"
    )
    p.set_defaults(func=cmd_check_site)

    p = sub.add_parser("score", help="precision, recall and F1 of the extractors on the gold set")
    p.add_argument("--gold", default=str(Path(__file__).resolve().parents[1] / "tests" / "gold"))
    p.add_argument("--verbose", "-v", action="store_true", help="print every miss and extra")
    p.add_argument(
        "--devset",
        default=str(Path(__file__).resolve().parents[2] / "shared" / "devset"),
        help="the shared development set (articles/ + gold/), scored too when present",
    )
    p.add_argument("--only", default="", help="dev-set articles to score (d001,d002); default all")
    p.set_defaults(func=cmd_score)

    p = sub.add_parser("retag", help="re-tag all stored history after editing the theme taxonomy")
    p.add_argument("--db", default=str(settings.db_path))
    p.set_defaults(func=cmd_retag)

    p = sub.add_parser(
        "reprocess", help="re-derive all stored articles from the raw archive (no network)"
    )
    p.add_argument("--db", default=str(settings.db_path))
    _workers_option(p)
    p.set_defaults(func=cmd_reprocess)

    add_bench_command(sub)

    p = sub.add_parser("ui", help="serve the Prefect UI over the runs recorded so far")
    p.add_argument("--port", type=int, default=UI_PORT)
    p.set_defaults(func=cmd_ui)
    add_analyst_commands(sub, settings)
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        parser = build_parser()
    except ValueError as exc:  # a PEARL_* variable of the wrong type or out of range
        print(f"pearl: a PEARL_* setting is invalid: {settings_error(exc)}", file=sys.stderr)
        return Exit.USAGE
    args = parser.parse_args(argv)
    if getattr(args, "edition", "unset") is None:
        args.edition = list(DEFAULT_EDITIONS)
    return args.func(args)


if __name__ == "__main__":
    raise SystemExit(main())
