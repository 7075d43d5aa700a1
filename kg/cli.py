"""The `kg` command line: parse arguments, call `kg.api`, render. No logic of its own."""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import sys
from pathlib import Path
from typing import Any

import click

from kg import __version__, api
from kg.errors import KgError
from kg.lang import PIVOT, table

__all__ = ["cli", "main"]

_STORE_HELP = (
    "Graph store: a folder (embedded Oxigraph) or a SPARQL server URL "
    "(default: $KG_STORE or the per-user data folder)."
)


def _fail(err: KgError) -> None:
    raise click.ClickException(str(err)) from err


@click.group()
@click.version_option(__version__, prog_name="kg")
def cli() -> None:
    """kg: a knowledge graph of your notes, with answers that cite their source lines."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--store", envvar="KG_STORE", help=_STORE_HELP)
@click.option("--strict", is_flag=True, help="Fail the build on the first unreadable file.")
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=api.DEFAULT_MAX_BYTES,
    show_default=True,
    help="Skip files larger than this.",
)
def build(paths: tuple[Path, ...], store: str | None, strict: bool, max_bytes: int) -> None:
    """Build the graph from files and folders (default: data/)."""
    bar: Any = None

    def progress(done: int, total: int, path: Path) -> None:
        nonlocal bar
        if not sys.stderr.isatty():
            return
        if bar is None:
            bar = click.progressbar(
                length=total, label="Reading", file=sys.stderr, show_pos=True, width=30
            )
            bar.__enter__()
        bar.label = f"Reading {path.name[:40]:<40}"
        bar.update(1)

    try:
        report = api.build(
            paths, store=store, strict=strict, max_bytes=max_bytes, progress=progress
        )
    except KgError as err:
        _fail(err)
        return
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    click.echo(f"Built the graph in {report.seconds:.2f} s → {report.store}")
    click.echo(f"  documents  {len(report.documents)}")
    click.echo(f"  sections   {report.sections}")
    click.echo(f"  topics     {report.topics}")
    click.echo(f"  concepts   {report.concepts}")
    click.echo(f"  relations  {sum(report.relations.values())}")
    for predicate, n in report.relations.items():
        click.echo(f"    {predicate:<14}{n}")
    click.echo(f"  parameters {report.parameters}")
    click.echo(f"  triples    {report.triples}")
    click.echo(f"  skipped    {len(report.skipped)}")
    for skipped in report.skipped:
        click.echo(f"    {skipped}", err=True)


@cli.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the structure as JSON.")
def inspect(path: Path, as_json: bool) -> None:
    """Show what ingestion sees in one file: sections, blocks and their lines."""
    try:
        doc = api.inspect(path)
    except KgError as err:
        _fail(err)
        return
    if as_json:
        click.echo(json.dumps(api.document_to_dict(doc), ensure_ascii=False, indent=2))
        return
    repaired = " (encoding repaired)" if doc.encoding_repaired else ""
    click.echo(f"{doc.source}: {doc.format}, {doc.encoding}{repaired}, {doc.line_count} lines")
    for section in doc.sections:
        kinds: dict[str, int] = {}
        for block in section.blocks:
            kinds[block.kind] = kinds.get(block.kind, 0) + 1
        summary = ", ".join(f"{n} {k}" for k, n in kinds.items())
        indent = "  " * max(section.level - 1, 0)
        title = section.title or "(before the first heading)"
        click.echo(f"{section.line_start:>6}-{section.line_end:<6}{indent}{title}  [{summary}]")


def _note(key: str) -> str:
    """A note the app shows too (its `ui` text in the pivot language), for standard error."""
    return f"note: {table('ui', PIVOT)[key].rstrip('.')} (`kg build`)."


@cli.command()
@click.argument("question", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print the answer as JSON.")
@click.option("--jsonl", is_flag=True, help="Read one question per stdin line; one JSON per line.")
@click.option("--store", envvar="KG_STORE", help=_STORE_HELP)
def ask(question: str | None, as_json: bool, jsonl: bool, store: str | None) -> None:
    """Answer a question from the graph, citing the lines of the notes it comes from."""
    if not jsonl and not question:
        raise click.UsageError("give a QUESTION, or --jsonl to read questions from stdin")
    try:
        with api.answerer(store=store) as engine:
            if engine.index_outdated:
                click.echo(_note("index_outdated"), err=True)
            if engine.tables_outdated:
                click.echo(_note("tables_outdated"), err=True)
            if jsonl:
                # one output line per input line, blank or undecodable too, so they line up
                for raw in sys.stdin.buffer:
                    line = raw.decode("utf-8", errors="replace").strip()
                    try:
                        out = engine.ask(line).to_json()
                    except KgError as err:  # this question's error, in its place
                        error = {"type": type(err).__name__, "message": str(err)}
                        out = {"question": line, "found": False, "error": error}
                    click.echo(json.dumps(out, ensure_ascii=False))
                return
            answer = engine.ask(question or "")
    except KgError as err:
        _fail(err)
        return
    if as_json:
        click.echo(json.dumps(answer.to_json(), ensure_ascii=False, indent=2))
        return
    click.echo(answer.answer)
    if answer.items:
        click.echo("")
        for item in answer.items:
            for ev in item.evidence[:1]:
                click.echo(f"  [{item.label}] {ev.source}:{ev.line}", err=True)


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=7878, show_default=True, type=click.IntRange(0, 65535))
@click.option("--timeout", default=5.0, show_default=True, help="Seconds a query may run.")
@click.option("--max-rows", default=10_000, show_default=True, help="Rows a query may return.")
@click.option("--store", envvar="KG_STORE", help=_STORE_HELP)
@click.option("--verbose", is_flag=True, help="Log every request.")
@click.option("--workers", default=0, help="Query processes (default: one per CPU, at least 2).")
@click.option("--allow-host", multiple=True, help="Another name clients may use in Host.")
def serve(
    host: str,
    port: int,
    timeout: float,
    max_rows: int,
    store: str | None,
    verbose: bool,
    workers: int,
    allow_host: tuple[str, ...],
) -> None:
    """Serve the graph as a read-only SPARQL 1.1 Protocol endpoint (GET/POST /sparql)."""
    from kg.serve import make_server
    from kg.serve import serve as run

    status = api.store_status(store=store)
    if not status.exists:
        raise click.ClickException(f"no graph at {status.location}; run `kg build` first")
    server = make_server(
        status.location,
        host,
        port,
        timeout=timeout,
        max_rows=max_rows,
        verbose=verbose,
        workers=workers,
        allowed_hosts=allow_host,
    )
    click.echo(f"SPARQL endpoint on http://{host}:{server.server_address[1]}/sparql", err=True)
    with contextlib.suppress(KeyboardInterrupt):
        run(server)


@cli.command()
@click.option("--store", envvar="KG_STORE", help=_STORE_HELP)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8501, show_default=True, type=click.IntRange(1, 65535))
@click.option("--no-browser", is_flag=True, help="Do not open a browser tab.")
def app(store: str | None, host: str, port: int, no_browser: bool) -> None:
    """Open the browser app on the graph (built first from data/, or from the study guide
    shipped with kg, when there is none yet)."""
    from kg.ui import streamlit_command

    command = streamlit_command(host, port, browser=not no_browser)
    env = {**os.environ, "KG_STORE": store} if store else dict(os.environ)
    click.echo(f"kg app on http://{host}:{port} (Ctrl+C stops it)", err=True)
    sys.stdout.flush()
    os.execve(command[0], command, env)  # Streamlit takes over this process


@cli.command()
@click.option("--store", envvar="KG_STORE", help=_STORE_HELP)
def validate(store: str | None) -> None:
    """Check the built graph against the SHACL shapes shipped with kg."""
    try:
        result = api.validate(store=store)
    except KgError as err:
        _fail(err)
        return
    if result.conforms:
        click.echo("the graph conforms to the kg shapes")
        return
    click.echo(result.report, err=True)
    raise click.ClickException(f"{result.violations} violation(s) of the kg shapes")


@cli.command()
@click.option("--format", "fmt", type=click.Choice(api.EXPORT_FORMATS), default="turtle")
@click.option("--output", "-o", type=click.Path(path_type=Path), help="Write here, not stdout.")
@click.option("--store", envvar="KG_STORE", help=_STORE_HELP)
def export(fmt: str, output: Path | None, store: str | None) -> None:
    """Write the whole graph as Turtle, N-Triples, JSON-LD or GraphML."""
    try:
        text = api.export(fmt, store=store)
    except KgError as err:
        _fail(err)
        return
    if output:
        output.write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)


@cli.command(name="eval")
@click.argument("questions", type=click.Path(path_type=Path))
@click.option("--store", envvar="KG_STORE", help=_STORE_HELP)
@click.option("--min", "minimum", type=float, default=0.0, help="Exit 1 below this percentage.")
@click.option("--verbose", is_flag=True, help="Show every case, not only the failures.")
def evaluate(questions: Path, store: str | None, minimum: float, verbose: bool) -> None:
    """Score question answering on a YAML file of questions, per intent."""
    try:
        report = api.evaluate(questions, store=store)
    except KgError as err:
        _fail(err)
        return
    if report.index_outdated:
        click.echo(_note("index_outdated"), err=True)
    for r in report.results:
        if verbose or not r.ok:
            click.echo(f"{'ok  ' if r.ok else 'FAIL'} {r.id} [{r.intent}] {r.question}")
            for reason in r.reasons:
                click.echo(f"       {reason}")
    click.echo("")
    for intent, (good, total) in report.by_intent().items():
        click.echo(f"  {intent:<15}{good}/{total}")
    total = len(report.results)
    pct = 100.0 * report.correct / total if total else 0.0
    click.echo(f"qa: {report.correct}/{total} correct ({pct:.1f}%)")
    if pct < minimum:
        raise SystemExit(1)


@cli.command()
@click.argument("concept")
@click.option("--json", "as_json", is_flag=True, help="Print the explanation as JSON.")
@click.option("--store", envvar="KG_STORE", help=_STORE_HELP)
def explain(concept: str, as_json: bool, store: str | None) -> None:
    """Show a concept and every assertion about it, with the evidence behind each."""
    try:
        found = api.explain(concept, store=store)
    except KgError as err:
        _fail(err)
        return
    if as_json:
        click.echo(json.dumps([dataclasses.asdict(e) for e in found], ensure_ascii=False, indent=2))
        return
    if not found:
        close = [hit.label for hit in api.concept_search(store=store).search(concept, limit=3)]
        hint = f"; close: {', '.join(close)}" if close else ""
        raise click.ClickException(f"no concept labelled '{concept}' in the graph{hint}")
    for e in found:
        click.echo(f"{e.label}  [{e.kind}]  {e.iri}")
        if e.alt_labels:
            click.echo(f"  also: {', '.join(e.alt_labels)}")
        for definition in e.definitions:
            click.echo(f"  definition: {definition}")
        for f in e.facts:
            arrow = (
                f"{f.predicate} → {f.other_label}"
                if f.direction == "out"
                else (f"← {f.predicate} {f.other_label}")
            )
            click.echo(f"  {arrow}")
            click.echo(f"      {f.source}:{f.line}  ({f.rule}, {f.confidence:.2f})")
            click.echo(f"      “{' '.join(f.evidence.split())}”")
        if e.parameters:
            click.echo("  parameters:")
        for p in e.parameters:
            about = f"  — {' '.join(p.description.split())[:120]}" if p.description else ""
            click.echo(f"    {p.signature()}{about}")
            click.echo(f"      {p.source}:{p.line}  ({p.rule})")
        if e.statements:
            click.echo("  statements:")
        for st in e.statements:
            text = " ".join(st.text.split())
            click.echo(f"    {st.source}:{st.line}  {text[:200]}{'…' if len(text) > 200 else ''}")


@cli.command()
@click.argument("query", required=False)
@click.option("--file", "query_file", type=click.File("r", encoding="utf-8"), help="Read it here.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv", "tsv", "xml", "turtle", "ntriples", "nt"]),
    default="table",
    show_default=True,
)
@click.option("--store", envvar="KG_STORE", help=_STORE_HELP)
def sparql(query: str | None, query_file: Any, fmt: str, store: str | None) -> None:
    """Run a read-only SPARQL query over the graph (standard prefixes are predeclared)."""
    if query_file is not None:
        query = query_file.read()
    elif query in (None, "-") and not sys.stdin.isatty():
        query = sys.stdin.read()
    if not query:
        raise click.UsageError("give a QUERY or --file F")
    try:
        if fmt != "table":
            fmt = "ntriples" if fmt == "nt" else fmt
            click.echo(api.sparql(query, fmt=fmt, store=store), nl=False)
            return
        result = api.query(query, store=store)
    except KgError as err:
        _fail(err)
        return
    if result.kind == "boolean":
        click.echo("true" if result.boolean else "false")
        return
    if result.kind == "graph":
        for triple in result.triples:
            click.echo(f"{triple.subject} {triple.predicate} {triple.object} .")
        return
    names = list(result.variables)
    cells = [[_show(row.get(n)) for n in names] for row in result.rows]
    widths = [max([len(n), *(len(c[i]) for c in cells)]) for i, n in enumerate(names)]
    click.echo("  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True)))
    click.echo("  ".join("-" * w for w in widths))
    for row in cells:
        click.echo("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)))
    click.echo(f"({len(cells)} row{'s' if len(cells) != 1 else ''})", err=True)


def _show(term: Any) -> str:
    if term is None:
        return ""
    value = str(getattr(term, "value", term))
    return value if len(value) <= 80 else value[:77] + "..."


def main() -> None:
    """Entry point of the `kg` console script."""
    cli(prog_name="kg")


if __name__ == "__main__":
    main()
