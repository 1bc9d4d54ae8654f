"""The analysts' commands of `pearl`: report, search, export and sql. Composition only: the work
is in tasks/core (analyst_report, search, export, sql_shell)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from tasks.core.settings import Settings


def _published(args: argparse.Namespace) -> Path | None:
    """The database the command reads, or None (and a one-line error) when there is none yet."""
    db = Path(args.db)
    if db.exists():
        return db
    print(f"pearl {args.command}: no database at {db}; run `pearl demo` first", file=sys.stderr)
    return None


def cmd_report(args: argparse.Namespace) -> int:
    """Write the self-contained HTML report of charts and print its path."""
    from tasks.core.analyst_report import write_report

    db = _published(args)
    if db is None:
        return 2
    try:
        out = write_report(db, Path(args.output), theme=args.theme, metric=args.metric)
    except ValueError as exc:
        print(f"pearl report: {exc}", file=sys.stderr)
        return 2
    print(out.resolve())
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    """Ranked speeches and articles containing the words."""
    from tasks.core.search import format_hits, search

    db = _published(args)
    if db is None:
        return 2
    hits = search(db, args.words, limit=args.limit)
    if not hits:
        print(f"nothing found for {' '.join(args.words)}")
        return 1
    print("\n".join(format_hits(hits)))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """A view, table or query to CSV, Parquet or Excel."""
    from tasks.core.export import ExportError, export

    db = _published(args)
    if db is None:
        return 2
    name = args.source if args.source.isidentifier() else "export"
    out = Path(args.output or f"{name}.{args.format}")
    try:
        rows = export(db, args.source, args.format, out)
    except ExportError as exc:
        print(f"pearl export: {exc}", file=sys.stderr)
        return 2
    print(f"{rows} rows → {out.resolve()}")
    return 0


def cmd_sql(args: argparse.Namespace) -> int:
    """The DuckDB CLI on the published file, read-only, views ready."""
    from tasks.core.sql_shell import cli_command

    try:
        command = cli_command(Path(args.db), args.command_sql)
    except FileNotFoundError as exc:
        print(f"pearl sql: {exc}", file=sys.stderr)
        return 2
    os.execv(command[0], command)
    return 0  # not reached: the CLI replaces this process


def add_commands(sub: argparse._SubParsersAction, settings: Settings) -> None:
    """Register report, search, export and sql on the `pearl` parser."""
    db = str(settings.db_path)
    p = sub.add_parser("report", help="write an HTML report of charts (works offline)")
    p.add_argument("--db", default=db)
    p.add_argument("-o", "--output", default=str(settings.data_dir / "report.html"))
    p.add_argument("--theme", default="村级工业园改造", help="the theme whose speakers are shown")
    p.add_argument("--metric", default=None, help="the figure followed across years (an object)")
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("search", help="full-text search of speeches and articles, ranked (BM25)")
    p.add_argument("words", nargs="+")
    p.add_argument("--db", default=db)
    p.add_argument("--limit", type=int, default=20)
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("export", help="a view, table or query to csv, parquet or xlsx")
    p.add_argument("source", help="a view or table name, or a SELECT query")
    p.add_argument("--format", choices=("csv", "parquet", "xlsx"), default="csv")
    p.add_argument("-o", "--output", default=None, help="default: <view>.<format>")
    p.add_argument("--db", default=db)
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("sql", help="the DuckDB CLI on the published file, read-only")
    p.add_argument("--db", default=db)
    p.add_argument("-c", dest="command_sql", default=None, help="run this SQL and exit")
    p.set_defaults(func=cmd_sql)
