#!/usr/bin/env bash
# Runs `burnrate bench ingest` against a real Spark standalone cluster on this machine: starts a
# Master and a Worker (separate JVMs on 127.0.0.1, Spark's jars from cli/target/lib), runs the
# bench as the driver with the application jar shipped to the executors, and stops both.
#
#   bench/cluster-bench.sh [ROWS] [more bench options, e.g. --spark-conf spark.executor.memory=4g]
#
# Environment: WORKER_CORES (default: all cores), WORKER_MEMORY (default 6g), EXECUTOR_MEMORY
# (default 4g), MASTER_PORT (default 7077), BENCH_OUT (default $TMPDIR/burnrate-cluster-bench).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
rows=${1:-1000000}
shift || true
cores=${WORKER_CORES:-$(nproc)}
port=${MASTER_PORT:-7077}
out=${BENCH_OUT:-${TMPDIR:-/tmp}/burnrate-cluster-bench}

"$root/bin/burnrate" --help >/dev/null # builds the jars on first use

work=$(mktemp -d)
home="$work/spark-home"
mkdir -p "$home/jars"
for jar in "$root"/cli/target/lib/*.jar; do
  case "$(basename "$jar")" in
    burnrate-*) ;; # burnrate's classes reach the executors as the application jar
    *) ln -s "$jar" "$home/jars/" ;;
  esac
done
export SPARK_HOME="$home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1 SPARK_WORKER_DIR="$work/work"
java_bin=java
if [ -n "${JAVA_HOME:-}" ]; then java_bin="$JAVA_HOME/bin/java"; fi
# shellcheck disable=SC2046
run() { "$java_bin" $(cat "$root/cli/target/launcher/jvm.options") -Xmx512m -cp "$home/jars/*" "$@"; }

pids=()
stop() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap stop EXIT

wait_for() { # file text seconds
  for _ in $(seq 1 $(($3 * 4))); do
    if grep -q "$2" "$1" 2>/dev/null; then return 0; fi
    sleep 0.25
  done
  echo "cluster-bench: $1 never said '$2':" >&2
  cat "$1" >&2
  return 1
}

run org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$port" --webui-port 0 \
  >"$work/master.log" 2>&1 &
pids+=($!)
wait_for "$work/master.log" "I have been elected leader" 120
run org.apache.spark.deploy.worker.Worker "spark://127.0.0.1:$port" --host 127.0.0.1 \
  --cores "$cores" --memory "${WORKER_MEMORY:-6g}" --webui-port 0 >"$work/worker.log" 2>&1 &
pids+=($!)
wait_for "$work/worker.log" "Successfully registered with master" 120
echo "cluster-bench: master spark://127.0.0.1:$port, one worker with $cores cores" >&2

"$root/bin/burnrate" bench ingest --rows "$rows" --out "$out" --master "spark://127.0.0.1:$port" \
  --spark-conf "spark.executor.memory=${EXECUTOR_MEMORY:-4g}" --spark-conf "spark.cores.max=$cores" "$@"
grep -q "Asked to launch executor" "$work/worker.log" \
  && echo "cluster-bench: the worker ran the executors" >&2
