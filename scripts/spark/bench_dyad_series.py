#!/usr/bin/env python3
"""Times the daily dyad-series query over a date-partitioned Parquet export in Spark, for
`tripwire bench store`: the JVM and session start-up, the first (cold) query, and the median of
the repeats after it (warm: file listing and metadata cached). Prints one JSON object.

    python bench_dyad_series.py EXPORT_DIR IRN USA [--master 'local[2]'] [--repeats 5]
"""

import argparse
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tripwire_spark import series_sql, session  # noqa: E402


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("parquet_dir")
    p.add_argument("source")
    p.add_argument("target")
    p.add_argument("--master", default="local[2]")
    p.add_argument("--repeats", type=int, default=3)
    args = p.parse_args()

    started = time.perf_counter()
    spark = session(args.master, "tripwire-bench")
    spark.sparkContext.setLogLevel("ERROR")
    startup_ms = (time.perf_counter() - started) * 1000.0
    try:
        spark.read.parquet(args.parquet_dir).createOrReplaceTempView("events")
        sql = series_sql("events", args.source, args.target)

        def timed():
            began = time.perf_counter()
            rows = spark.sql(sql).collect()
            return (time.perf_counter() - began) * 1000.0, len(rows)

        cold_ms, days = timed()
        warm = sorted(timed()[0] for _ in range(max(args.repeats, 1)))
    finally:
        spark.stop()
    print(
        json.dumps(
            {
                "startup_ms": round(startup_ms, 1),
                "cold_query_ms": round(cold_ms, 1),
                "warm_query_ms": round(warm[len(warm) // 2], 1),
                "days": days,
                "spark_version": spark.version,
            }
        )
    )


if __name__ == "__main__":
    main()
