"""burnrate nightly pipeline for Apache Airflow (2.6+).

One task per stage: pull -> ingest -> warehouse -> report, each
`bin/burnrate <stage> --date {{ ds }}`, where {{ ds }} (the start of the daily data interval) is
the business day being reported. pull copies the object-store sources into landing/ (copy mode) or
writes the object lists Spark reads the store from (direct mode); without object-store sources it
does nothing.

burnrate's exit codes decide what Airflow does:
  0 done; 1 unexpected failure -> retried; 5 another run holds the lock -> retried later;
  2 bad usage/config, 3 bad input data, 4 a warehouse data test failed -> failed at once, no retry
  (a retry would fail the same way; someone has to look at the data or the configuration).

Two DAGs are defined: `burnrate_nightly` (every stage on the Airflow worker) and
`burnrate_nightly_cluster`, whose ingest is a spark-submit of the application jar to a cluster
(`spark.master` comes from the Airflow connection `spark_burnrate`). The submitted ingest does not
pull, so its pull task runs on the worker first, which must write the data_dir the cluster reads.

Environment on the worker: BURNRATE_HOME (checkout with bin/burnrate, default /opt/burnrate),
BURNRATE_CONF (configuration folder, default $BURNRATE_HOME/conf).
"""
import os
import subprocess
from datetime import datetime, timedelta

from airflow import DAG
from airflow.exceptions import AirflowException, AirflowFailException
from airflow.operators.python import PythonOperator
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

BURNRATE_HOME = os.environ.get("BURNRATE_HOME", "/opt/burnrate")
BURNRATE = os.path.join(BURNRATE_HOME, "bin", "burnrate")
CONF = os.environ.get("BURNRATE_CONF", os.path.join(BURNRATE_HOME, "conf"))
SPARK_APP_JAR = os.path.join(BURNRATE_HOME, "pipeline", "target", "burnrate-spark-app.jar")

RETRYABLE = {1, 5}
STAGES = ("pull", "ingest", "warehouse", "report")


def stage_command(stage, ds):
    """The command line one task runs."""
    return [BURNRATE, stage, "--conf", CONF, "--date", ds]


def run_stage(stage, ds, **_context):
    """Runs one stage; maps burnrate's exit code onto Airflow's retry semantics."""
    code = subprocess.run(stage_command(stage, ds), check=False).returncode
    if code == 0:
        return
    message = f"burnrate {stage} --date {ds} exited {code}"
    if code in RETRYABLE:
        raise AirflowException(message + " (retryable)")
    raise AirflowFailException(message + " (not retried: fix the data or the configuration)")


DEFAULT_ARGS = {
    "owner": "finops",
    "retries": 3,
    "retry_delay": timedelta(minutes=10),
    "retry_exponential_backoff": True,
}


def stage_task(stage):
    return PythonOperator(
        task_id=stage,
        python_callable=run_stage,
        op_kwargs={"stage": stage, "ds": "{{ ds }}"},
        execution_timeout=timedelta(hours=3),
    )


with DAG(
    dag_id="burnrate_nightly",
    description="Multi-cloud GPU spend vs commitments: ingest, warehouse, executive PDF",
    schedule="30 5 * * *",  # 05:30 UTC: after the providers' overnight export deliveries
    start_date=datetime(2026, 1, 1),
    catchup=True,  # a missed night is caught up, oldest first
    max_active_runs=1,  # burnrate's own lock would refuse a second one anyway (exit 5)
    default_args=DEFAULT_ARGS,
    tags=["finops", "burnrate"],
) as nightly:
    pull, ingest, warehouse, report = (stage_task(s) for s in STAGES)
    pull >> ingest >> warehouse >> report


with DAG(
    dag_id="burnrate_nightly_cluster",
    description="As burnrate_nightly, with the Spark ingest submitted to a cluster",
    schedule="30 5 * * *",
    start_date=datetime(2026, 1, 1),
    catchup=True,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    tags=["finops", "burnrate", "spark"],
) as cluster:
    ingest = SparkSubmitOperator(
        task_id="ingest",
        conn_id="spark_burnrate",
        application=SPARK_APP_JAR,
        java_class="dev.burnrate.pipeline.IngestMain",
        application_args=["--conf", CONF, "--date", "{{ ds }}"],
        name="burnrate-ingest-{{ ds }}",
        conf={"spark.sql.session.timeZone": "UTC"},
        execution_timeout=timedelta(hours=3),
    )
    pull = stage_task("pull")
    warehouse = stage_task("warehouse")
    report = stage_task("report")
    pull >> ingest >> warehouse >> report
