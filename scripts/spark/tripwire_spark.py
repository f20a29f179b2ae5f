#!/usr/bin/env python3
"""tripwire on Apache Spark: code an article set on a cluster, write the event store's
date-partitioned Parquet, and compute the daily dyad series in Spark SQL.

Each partition of article lines is piped through the `tripwire code --format record` binary
(JSON Lines in, one EventRecord JSON per event out), so the events are exactly the ones the
embedded path stores. The Parquet layout and columns are those of docs/parquet-schema.md.

    python tripwire_spark.py --master 'local[2]' --tripwire target/release/tripwire \
        --input 'articles/*.jsonl' --events-out out/events --series-out out/series

See scripts/spark/README.md for cluster submission.
"""

import argparse
import datetime
import json
import os
import stat
import subprocess
import sys
import threading

# The Parquet schema, in docs/parquet-schema.md's order; `date` is the hive partition column.
# Spark types: string, bigint for the stored unsigned counts, float, int, double, array<string>.
EVENT_COLUMNS = [
    ("origin", "string", False),
    ("article_id", "string", False),
    ("sentence_index", "long", True),
    ("span_start", "long", True),
    ("span_end", "long", True),
    ("sentence", "string", True),
    ("source_code", "string", False),
    ("target_code", "string", False),
    ("source_country", "string", True),
    ("target_country", "string", True),
    ("source_text", "string", True),
    ("target_text", "string", True),
    ("event_code", "string", False),
    ("event_root", "string", False),
    ("goldstein", "float", True),
    ("quad_class", "integer", True),
    ("plover_event", "string", True),
    ("location_name", "string", True),
    ("location_country", "string", True),
    ("location_lat", "double", True),
    ("location_lon", "double", True),
    ("location_precision", "string", True),
    ("location_geonames_id", "long", True),
    ("outlet", "string", True),
    ("url", "string", True),
    ("issues", "array<string>", False),
    ("matched", "string", True),
]


def event_schema():
    """The Spark schema of a coded-event row: the Parquet columns, then the `date` partition."""
    from pyspark.sql import types as T

    simple = {
        "string": T.StringType(),
        "long": T.LongType(),
        "integer": T.IntegerType(),
        "float": T.FloatType(),
        "double": T.DoubleType(),
        "array<string>": T.ArrayType(T.StringType(), containsNull=False),
    }
    fields = [T.StructField(name, simple[kind], nullable) for name, kind, nullable in EVENT_COLUMNS]
    fields.append(T.StructField("date", T.DateType(), False))
    return T.StructType(fields)


def series_sql(table, source=None, target=None):
    """The daily dyad series over raw events, as the embedded store computes it: for each
    directed dyad (source_country -> target_country) and day with events, the count, the
    Goldstein sum (0 when no event has a score) and mean (null then), and QuadClass counts.
    With `source` and `target`, only that dyad."""
    where = "source_country IS NOT NULL AND target_country IS NOT NULL"
    if source is not None and target is not None:
        where = f"source_country = '{_country(source)}' AND target_country = '{_country(target)}'"
    return f"""
        SELECT source_country, target_country, date,
               COUNT(*) AS events,
               COALESCE(SUM(CAST(goldstein AS DOUBLE)), 0.0) AS goldstein_sum,
               AVG(CAST(goldstein AS DOUBLE)) AS goldstein_mean,
               COUNT_IF(quad_class = 1) AS quad1,
               COUNT_IF(quad_class = 2) AS quad2,
               COUNT_IF(quad_class = 3) AS quad3,
               COUNT_IF(quad_class = 4) AS quad4
        FROM {table}
        WHERE {where}
        GROUP BY source_country, target_country, date
        ORDER BY source_country, target_country, date
    """


def _country(code):
    code = code.strip().upper()
    if not (len(code) == 3 and code.isalpha()):
        raise ValueError(f"not an ISO-3 country code: {code!r}")
    return code


def parse_dyad(text):
    """`IRN-USA` as ("IRN", "USA")."""
    parts = text.split("-")
    if len(parts) != 2:
        raise ValueError(f"a dyad is SRC-TGT, e.g. IRN-USA, not {text!r}")
    return _country(parts[0]), _country(parts[1])


def resolve_binary(path):
    """The tripwire binary on this machine: the path as given (local mode, or installed on
    every node), else the copy Spark shipped with `--files` into the working folder."""
    if os.path.isfile(path):
        found = path
    else:
        from pyspark import SparkFiles

        found = SparkFiles.get(os.path.basename(path))
        if not os.path.isfile(found):
            raise FileNotFoundError(f"tripwire binary not found as {path} nor as shipped file {found}")
    if not os.access(found, os.X_OK):
        os.chmod(found, os.stat(found).st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return found


def record_row(line):
    """One `tripwire code --format record` line as a row in EVENT_COLUMNS order plus the date."""
    r = json.loads(line)
    span = r.get("span") or [None, None]
    loc = r.get("location") or {}
    has_loc = r.get("location") is not None
    matched = r.get("matched")
    return (
        r["origin"],
        r["article_id"],
        r.get("sentence_index"),
        span[0],
        span[1],
        r.get("sentence"),
        r["source_code"],
        r["target_code"],
        r.get("source_country"),
        r.get("target_country"),
        r.get("source_text"),
        r.get("target_text"),
        r["event_code"],
        r["event_root"],
        r.get("goldstein"),
        r.get("quad_class"),
        r.get("plover_event"),
        loc.get("name") if has_loc else None,
        loc.get("country") if has_loc else None,
        loc.get("lat"),
        loc.get("lon"),
        loc.get("precision") if has_loc else None,
        loc.get("geonames_id"),
        r.get("outlet"),
        r.get("url"),
        list(r.get("issues") or []),
        None if matched is None else json.dumps(matched, separators=(",", ":"), ensure_ascii=False),
        datetime.date.fromisoformat(r["date"]),
    )


def coder(binary, extra_args):
    """A mapPartitions function: pipes the partition's article lines through the binary and
    yields the event rows it prints. The binary's messages about skipped articles go to the
    executor's stderr; a failure of the binary fails the task (Spark retries it)."""

    def code_partition(lines):
        lines = iter(lines)
        first = next((line for line in lines if line.strip()), None)
        if first is None:
            return
        command = [resolve_binary(binary), "code", "--format", "record", *extra_args, "-"]
        process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        feed_error = []

        def feed():
            # Fed from a thread so a large partition cannot deadlock on full pipes.
            try:
                process.stdin.write(first.encode("utf-8") + b"\n")
                for line in lines:
                    if line.strip():
                        process.stdin.write(line.encode("utf-8") + b"\n")
            except BaseException as error:  # reported after the process ends
                feed_error.append(error)
            finally:
                process.stdin.close()

        feeder = threading.Thread(target=feed, daemon=True)
        feeder.start()
        for raw in process.stdout:
            if raw.strip():
                yield record_row(raw.decode("utf-8"))
        feeder.join()
        code = process.wait()
        if feed_error and not isinstance(feed_error[0], BrokenPipeError):
            raise feed_error[0]
        if code != 0:
            raise RuntimeError(f"{' '.join(command)} exited with status {code}")

    return code_partition


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--input", nargs="+", help="article JSON Lines files, folders or globs (any Hadoop path)")
    p.add_argument("--tripwire", default="tripwire", help="the tripwire binary (ship it with --files on a cluster)")
    p.add_argument("--tripwire-arg", action="append", default=[], help="extra argument for `tripwire code`")
    p.add_argument("--from-parquet", help="skip coding: read events from this Parquet export instead")
    p.add_argument("--events-out", help="write coded events here as date-partitioned Parquet")
    p.add_argument("--series-out", help="write the daily dyad series here")
    p.add_argument("--series-format", choices=["parquet", "json"], default="parquet")
    p.add_argument("--dyad", help="only this directed dyad in the series, as SRC-TGT (e.g. IRN-USA)")
    p.add_argument(
        "--mode",
        choices=["errorifexists", "append", "overwrite"],
        default="errorifexists",
        help="when an output folder exists: fail, add files, or replace the dates written",
    )
    p.add_argument("--partitions", type=int, help="spread the articles over this many coding tasks")
    p.add_argument("--master", help="Spark master for a direct run, e.g. local[2] (spark-submit sets it)")
    args = p.parse_args(argv)
    if bool(args.input) == bool(args.from_parquet):
        p.error("give either --input (articles to code) or --from-parquet (events already coded)")
    if not args.events_out and not args.series_out:
        p.error("nothing to write: give --events-out and/or --series-out")
    if args.from_parquet and args.events_out:
        p.error("--events-out needs --input: events read from Parquet are already written")
    return args


def session(master, app_name):
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName(app_name)
    if master:
        builder = builder.master(master)
        if master.startswith("local"):
            # Local workers run this interpreter, the one that has pyspark.
            os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = builder.config("spark.sql.sources.partitionOverwriteMode", "dynamic")
    builder = builder.config("spark.sql.session.timeZone", "UTC")
    builder = builder.config("spark.ui.showConsoleProgress", "false")
    return builder.getOrCreate()


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    spark = session(args.master, "tripwire")
    spark.sparkContext.setLogLevel("WARN")
    try:
        if args.from_parquet:
            events = spark.read.parquet(args.from_parquet)
        else:
            lines = spark.sparkContext.textFile(",".join(args.input))
            if args.partitions:
                lines = lines.repartition(args.partitions)
            rows = lines.mapPartitions(coder(args.tripwire, args.tripwire_arg))
            # Coded once, used for the count, the Parquet export and the series (spills to disk).
            events = spark.createDataFrame(rows, event_schema()).persist()
        summary = {"events": events.count()}
        if args.events_out:
            events.write.partitionBy("date").mode(args.mode).parquet(args.events_out)
            summary["events_out"] = args.events_out
        if args.series_out:
            events.createOrReplaceTempView("events")
            source, target = parse_dyad(args.dyad) if args.dyad else (None, None)
            series = spark.sql(series_sql("events", source, target)).persist()
            summary["series_rows"] = series.count()
            # One file: a series is small beside the events it summarises.
            writer = series.coalesce(1).write.mode(args.mode)
            if args.series_format == "json":
                writer.option("ignoreNullFields", "false").json(args.series_out)
            else:
                writer.parquet(args.series_out)
            summary["series_out"] = args.series_out
        print(json.dumps(summary))
    finally:
        spark.stop()


if __name__ == "__main__":
    main()
