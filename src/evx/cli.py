"""The ``evx`` command line: a thin layer over the library.

Library errors (:class:`evx.errors.EvxError`) become one-line messages with
the exit codes documented in :mod:`evx.errors`; they never show a traceback.
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from evx import __version__
from evx.batch.engines import ENGINES
from evx.pipelines import PIPELINES
from evx.batch.runner import FORMATS, RunConfig
from evx.batch.tasks import Limits
from evx.errors import EXIT_DOCUMENT_FAILED, EXIT_USAGE, EvxError
from evx.readers import ReadOptions

# defaults come from their owners: the reader options, the run config and the per-document limits
_READ = ReadOptions()
_LIMITS = Limits()
_RUN_DEFAULTS = RunConfig(inputs=[], out_dir=Path("."))


class _Group(click.Group):
    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except EvxError as exc:
            click.echo(f"evx: error: {exc}", err=True)
            ctx.exit(EXIT_USAGE)


def _extract_options(func):
    """Options shared by ``extract`` and ``run`` (written once)."""
    options = [
        click.option("--id-field", default=_READ.id_field, show_default=True,
                     help="Field (JSONL) or column (CSV) that holds each row's document id."),
        click.option("--text-field", default=_READ.text_field, show_default=True,
                     help="Field (JSONL) or column (CSV) that holds each row's text."),
        click.option("--pipeline", type=click.Choice(list(PIPELINES)), default=_RUN_DEFAULTS.pipeline,
                     show_default=True,
                     help="accurate: claim strength from a fine-tuned sentence encoder (about 0.1 MB of "
                          "text per CPU-second); fast: rules and linear models only, for corpus-scale "
                          "runs (about ten times faster, less accurate claims). Both write the same files "
                          "and fields; produced_by names the model."),
        click.option("--engine", type=click.Choice(ENGINES), default=_RUN_DEFAULTS.engine, show_default=True,
                     help="local: a process per core of this machine; dask: a Dask cluster "
                          "(--scheduler ADDRESS, or a local cluster started for the run)."),
        click.option("--workers", type=click.IntRange(min=1), default=None,
                     help="Worker processes (default: every core; 1 runs in this process)."),
        click.option("--scheduler", default=None, metavar="ADDRESS",
                     help="Address of a running Dask scheduler, e.g. tcp://127.0.0.1:8786 (with --engine dask)."),
        click.option("--resume", is_flag=True,
                     help="Continue an interrupted run in the same --out folder instead of starting over."),
        click.option("--format", "formats", type=click.Choice(FORMATS), multiple=True,
                     default=_RUN_DEFAULTS.formats, show_default=True,
                     help="Also write Parquet copies of the record files with --format parquet."),
        click.option("--max-chars", type=click.IntRange(min=1), default=_LIMITS.max_chars, show_default=True,
                     help="Longer documents are reported as failed instead of processed."),
        click.option("--timeout", type=click.FloatRange(min=0), default=_LIMITS.timeout, show_default=True,
                     help="Seconds one document may take before it is reported as failed (0: no limit)."),
        click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="evx")
def main():
    """evx: evidence extraction for health writing.

    Reads articles (.txt .md .html .pdf .xml, or .jsonl/.csv with one document
    per row) and writes effect sizes, study designs, hedges and claims with
    overclaim flags as JSON Lines; scores them against gold files and builds a
    review page.

    \b
    Examples:
      evx extract corpus/ --out out/
      evx score out/ --gold gold/
      evx report out/
      evx run corpus/ --gold gold/ --out out/
    """


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path())
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False),
              help="Folder for documents.jsonl, effects.jsonl, designs.jsonl, hedges.jsonl, claims.jsonl.")
@_extract_options
def extract(inputs, out_dir, **options):
    """Extract records from files, folders or JSONL/CSV tables.

    Folders are walked recursively. Each document gets one line in
    documents.jsonl (status ok or error, with a message); a bad file never
    stops the others. Exit code 0: all documents ok; 2: some failed;
    1: nothing could be run (a missing path, an empty folder, ...).

    \b
    Examples:
      evx extract article.txt --out out/
      evx extract corpus/ more.jsonl --out out/ --text-field body
      evx extract pubmed.jsonl --out big/ --format parquet --resume
      evx extract corpus/ --out out/ --engine dask --scheduler tcp://127.0.0.1:8786
    """
    summary = _extract(inputs, out_dir, **options)
    if summary.documents_failed:
        sys.exit(EXIT_DOCUMENT_FAILED)


def _extract(inputs, out_dir, *, id_field=_READ.id_field, text_field=_READ.text_field,
             engine=_RUN_DEFAULTS.engine, workers=None, scheduler=None, resume=False,
             formats=_RUN_DEFAULTS.formats, max_chars=_LIMITS.max_chars, timeout=_LIMITS.timeout, quiet=False,
             pipeline=_RUN_DEFAULTS.pipeline):
    """Run extraction for a command; the one place CLI options become a RunConfig."""
    from evx.batch.runner import run_extract
    config = RunConfig(
        inputs=list(inputs), out_dir=Path(out_dir), options=ReadOptions(id_field, text_field),
        engine=engine, workers=workers, scheduler=scheduler, resume=resume, formats=tuple(formats),
        limits=Limits(max_chars=max_chars, timeout=timeout), pipeline=pipeline,
        progress=not quiet and sys.stderr.isatty())
    summary = run_extract(config)
    if not quiet:
        click.echo(f"evx extract: {summary.line()} -> {out_dir}", err=True)
        for failure in summary.failures[:20]:
            click.echo(f"  failed: {failure}", err=True)
        if len(summary.failures) > 20:
            click.echo(f"  ... and {len(summary.failures) - 20} more (see documents.jsonl)", err=True)
    return summary


# --- evaluation: score, report, run, gold (issue 7) ------------------------------

def _tolerance_option(func):
    return click.option(
        "--tolerance", type=click.FloatRange(min=0), default=None,
        help="Relative tolerance for effect values and limits (e.g. 0.01 = 1%); "
             "default: exact to the digits the gold reports.")(func)


@main.command()
@click.argument("out_dir", metavar="DIR", type=click.Path(file_okay=False))
@click.option("--gold", "gold_dir", required=True, type=click.Path(),
              help="Folder of gold JSON files, one per article (see docs/gold-format.md).")
@_tolerance_option
@click.option("--quiet", "-q", is_flag=True, help="Do not print the headline scores.")
def score(out_dir, gold_dir, tolerance, quiet):
    """Score the records in DIR against gold files.

    Writes DIR/scores.json (keys like spaCy's: effects_p, effects_r, effects_f,
    effects_per_type, ...), DIR/scores.md, and the evaluation report
    DIR/evaluation.html and DIR/evaluation.md (plots, every miss and false hit).

    \b
    Examples:
      evx score out/ --gold gold/
      evx score out/ --gold gold/ --tolerance 0.01
    """
    result = _score(out_dir, gold_dir, tolerance)
    if not quiet:
        _print_scores(result.scores, out_dir, report=False)


def _score(out_dir, gold_dir, tolerance):
    from evx.reports.evaluation import write_evaluation
    from evx.scoring import score_folder
    result = score_folder(Path(out_dir), Path(gold_dir), tolerance)
    write_evaluation(Path(out_dir), result)
    return result


def _print_scores(scores, out_dir, report: bool):
    from evx.scoring import headline
    click.echo(f"scores ({scores['n_docs']} documents with gold, F1 x100): {headline(scores)}")
    click.echo(f"  scores:     {Path(out_dir) / 'scores.json'}")
    click.echo(f"  evaluation: {Path(out_dir) / 'evaluation.html'}")
    if scores.get("docs_missing"):
        click.echo(f"  warning: {len(scores['docs_missing'])} gold documents have no records "
                   f"(e.g. {scores['docs_missing'][0]}); they count as misses", err=True)


def _max_docs_option(func):
    return click.option(
        "--max-docs", type=click.IntRange(min=1), default=500, show_default=True,
        help="Show this many articles in full on the review page (the highest-ranked); "
             "the index lists them all.")(func)


@main.command()
@click.argument("out_dir", metavar="DIR", type=click.Path(file_okay=False))
@_max_docs_option
def report(out_dir, max_docs):
    """Write DIR/report.html, the review page, from the records in DIR.

    One self-contained offline page: articles ranked by overclaim score, each
    with its overclaims and their reasons first, its effect sizes with their
    flags, and its text with every found span highlighted; filters by kind and flag.

    \b
    Examples:
      evx report out/
      evx report big_run/ --max-docs 100
    """
    from evx.reports.review import write_review
    click.echo(f"review page: {write_review(Path(out_dir), max_docs)}")


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path())
@click.option("--gold", "gold_dir", type=click.Path(),
              help="Folder of gold JSON files; when given, the records are scored against it.")
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False),
              help="Folder for the records, scores.json, evaluation.html and report.html.")
@_tolerance_option
@_max_docs_option
@_extract_options
def run(inputs, gold_dir, out_dir, tolerance, max_docs, **options):
    """Extract, score (with --gold) and write the review page, in one go.

    Ends by printing the headline scores and where report.html and
    evaluation.html are.

    \b
    Examples:
      evx run corpus/ --gold gold/ --out out/
      evx run articles/ --out out/
    """
    from evx.gold import load_gold
    from evx.reports.review import write_review
    if gold_dir:
        load_gold(Path(gold_dir))      # a missing or broken gold folder fails before extraction
    summary = _extract(inputs, out_dir, **options)
    result = _score(out_dir, gold_dir, tolerance) if gold_dir else None
    page = write_review(Path(out_dir), max_docs)
    if result is not None:
        _print_scores(result.scores, out_dir, report=True)
    click.echo(f"  review:     {page}")
    if summary.documents_failed:
        sys.exit(EXIT_DOCUMENT_FAILED)


@main.group()
def gold():
    """Check gold files and convert them to and from BRAT and Prodigy.

    \b
    Examples:
      evx gold check gold/ --corpus corpus/
      evx gold export-brat gold/ --corpus corpus/ --out brat/
      evx gold import-brat brat/ --out gold/
      evx gold export-prodigy gold/ --corpus corpus/ --out gold.jsonl
      evx gold import-prodigy annotated.jsonl --out gold/
    """


def _corpus_option(func):
    return click.option(
        "--corpus", type=click.Path(exists=True, file_okay=False), default=None,
        help="Folder of the articles the gold is about; default: corpus/ beside the gold folder.")(func)


@gold.command("check")
@click.argument("gold_dir", metavar="GOLD", type=click.Path())
@_corpus_option
@click.option("--strict", is_flag=True, help="Fail on warnings too (e.g. a hedged claim with no cue).")
def gold_check(gold_dir, corpus, strict):
    """Validate a gold folder; print each problem as file:line: message.

    Checks labels against the vocabularies, offsets against quotes and the
    article text, articles missing from the corpus (or gold), reasons without
    an overclaim and more. Exit status: 0 valid, 1 usage error, 2 problems found.

    \b
    Examples:
      evx gold check gold/
      evx gold check gold/ --corpus corpus/ --strict
    """
    from evx.gold import EXIT_GOLD_PROBLEMS, check_gold, default_corpus, gold_files
    corpus_dir = Path(corpus) if corpus else default_corpus(Path(gold_dir))
    problems = check_gold(Path(gold_dir), corpus_dir)
    for problem in problems:
        click.echo(str(problem))
    errors = [p for p in problems if p.severity == "error" or strict]
    n_files = len(gold_files(Path(gold_dir)))
    against = f"against {corpus_dir}" if corpus_dir else "without a corpus (offsets not checked)"
    click.echo(f"evx gold check: {n_files} files {against}: {len(errors)} errors, "
               f"{len(problems) - len([p for p in problems if p.severity == 'error'])} warnings", err=True)
    if errors:
        sys.exit(EXIT_GOLD_PROBLEMS)


@gold.command("export-brat")
@click.argument("gold_dir", metavar="GOLD", type=click.Path())
@_corpus_option
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False),
              help="Folder for the .txt/.ann pairs and annotation.conf.")
def gold_export_brat(gold_dir, corpus, out_dir):
    """Write gold files as BRAT standoff (.txt + .ann per article).

    \b
    Examples:
      evx gold export-brat gold/ --out brat/
    """
    from evx.gold import export_brat
    written = export_brat(Path(gold_dir), Path(out_dir), Path(corpus) if corpus else None)
    click.echo(f"evx gold: {len(written)} articles -> {out_dir}")


@gold.command("import-brat")
@click.argument("brat_dir", metavar="BRAT_DIR", type=click.Path())
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False),
              help="Folder for the gold JSON files (existing files of the same name are replaced).")
def gold_import_brat(brat_dir, out_dir):
    """Read BRAT standoff (.ann beside .txt) into gold files.

    \b
    Examples:
      evx gold import-brat brat/ --out gold/
    """
    from evx.gold import import_brat
    written = import_brat(Path(brat_dir), Path(out_dir))
    click.echo(f"evx gold: {len(written)} gold files -> {out_dir}")


@gold.command("export-prodigy")
@click.argument("gold_dir", metavar="GOLD", type=click.Path())
@_corpus_option
@click.option("--out", "out_file", required=True, type=click.Path(dir_okay=False),
              help="JSONL file to write: one task per article with text, spans and meta.")
def gold_export_prodigy(gold_dir, corpus, out_file):
    """Write gold files as Prodigy-style JSONL spans.

    \b
    Examples:
      evx gold export-prodigy gold/ --out gold.jsonl
    """
    from evx.gold import export_prodigy
    n = export_prodigy(Path(gold_dir), Path(out_file), Path(corpus) if corpus else None)
    click.echo(f"evx gold: {n} articles -> {out_file}")


@gold.command("import-prodigy")
@click.argument("jsonl", metavar="JSONL", type=click.Path())
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False),
              help="Folder for the gold JSON files (existing files of the same name are replaced).")
def gold_import_prodigy(jsonl, out_dir):
    """Read Prodigy-style JSONL spans (meta.doc_id names the article) into gold files.

    \b
    Examples:
      evx gold import-prodigy annotated.jsonl --out gold/
    """
    from evx.gold import import_prodigy
    written = import_prodigy(Path(jsonl), Path(out_dir))
    click.echo(f"evx gold: {len(written)} gold files -> {out_dir}")


if __name__ == "__main__":
    main()
