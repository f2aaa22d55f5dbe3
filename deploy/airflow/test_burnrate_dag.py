"""Checks burnrate_dag.py without Airflow installed: minimal stand-ins for the few Airflow
classes it uses record the DAGs, their tasks, dependencies and arguments.
Run: python3 -m unittest discover -s deploy/airflow -v
"""
import importlib
import os
import stat
import sys
import tempfile
import types
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))


class FakeDag:
    current = None
    all = {}

    def __init__(self, dag_id, **kwargs):
        self.dag_id = dag_id
        self.kwargs = kwargs
        self.tasks = {}
        FakeDag.all[dag_id] = self

    def __enter__(self):
        FakeDag.current = self
        return self

    def __exit__(self, *exc):
        FakeDag.current = None


class FakeOperator:
    def __init__(self, task_id, **kwargs):
        self.task_id = task_id
        self.kwargs = kwargs
        self.downstream = set()
        FakeDag.current.tasks[task_id] = self

    def __rshift__(self, other):
        self.downstream.add(other.task_id)
        return other


class AirflowException(Exception):
    pass


class AirflowFailException(AirflowException):
    pass


def install_fakes():
    mods = {
        "airflow": types.ModuleType("airflow"),
        "airflow.exceptions": types.ModuleType("airflow.exceptions"),
        "airflow.operators": types.ModuleType("airflow.operators"),
        "airflow.operators.python": types.ModuleType("airflow.operators.python"),
        "airflow.providers": types.ModuleType("airflow.providers"),
        "airflow.providers.apache": types.ModuleType("airflow.providers.apache"),
        "airflow.providers.apache.spark": types.ModuleType("airflow.providers.apache.spark"),
        "airflow.providers.apache.spark.operators": types.ModuleType("airflow.providers.apache.spark.operators"),
        "airflow.providers.apache.spark.operators.spark_submit": types.ModuleType(
            "airflow.providers.apache.spark.operators.spark_submit"),
    }
    mods["airflow"].DAG = FakeDag
    mods["airflow.exceptions"].AirflowException = AirflowException
    mods["airflow.exceptions"].AirflowFailException = AirflowFailException
    mods["airflow.operators.python"].PythonOperator = type("PythonOperator", (FakeOperator,), {})
    mods["airflow.providers.apache.spark.operators.spark_submit"].SparkSubmitOperator = type(
        "SparkSubmitOperator", (FakeOperator,), {})
    sys.modules.update(mods)


class BurnrateDagTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        install_fakes()
        cls.home = tempfile.mkdtemp()
        os.makedirs(os.path.join(cls.home, "bin"))
        # a stand-in bin/burnrate that exits with the code named in $FAKE_EXIT
        script = os.path.join(cls.home, "bin", "burnrate")
        with open(script, "w") as f:
            f.write("#!/bin/sh\nexit ${FAKE_EXIT:-0}\n")
        os.chmod(script, stat.S_IRWXU)
        os.environ["BURNRATE_HOME"] = cls.home
        os.environ.pop("BURNRATE_CONF", None)
        sys.path.insert(0, HERE)
        cls.dag_module = importlib.import_module("burnrate_dag")

    def test_one_task_per_stage_in_order(self):
        dag = FakeDag.all["burnrate_nightly"]
        self.assertEqual(set(dag.tasks), {"pull", "ingest", "warehouse", "report"})
        self.assertEqual(dag.tasks["pull"].downstream, {"ingest"})
        self.assertEqual(dag.tasks["ingest"].downstream, {"warehouse"})
        self.assertEqual(dag.tasks["warehouse"].downstream, {"report"})
        self.assertEqual(dag.tasks["report"].downstream, set())
        self.assertTrue(dag.kwargs["catchup"])
        self.assertEqual(dag.kwargs["max_active_runs"], 1)

    def test_commands_pass_the_logical_date(self):
        dag = FakeDag.all["burnrate_nightly"]
        for stage, task in dag.tasks.items():
            self.assertEqual(task.kwargs["op_kwargs"], {"stage": stage, "ds": "{{ ds }}"})
            self.assertEqual(
                self.dag_module.stage_command(stage, "2026-11-25"),
                [os.path.join(self.home, "bin", "burnrate"), stage, "--conf",
                 os.path.join(self.home, "conf"), "--date", "2026-11-25"])

    def test_only_unexpected_failures_and_lock_waits_are_retried(self):
        run = self.dag_module.run_stage
        os.environ["FAKE_EXIT"] = "0"
        run("ingest", "2026-11-25")
        for stage in ("pull", "warehouse"):
            for code in (1, 5):
                os.environ["FAKE_EXIT"] = str(code)
                with self.assertRaises(AirflowException) as e:
                    run(stage, "2026-11-25")
                self.assertNotIsInstance(e.exception, AirflowFailException, (stage, code))
            for code in (2, 3, 4):
                os.environ["FAKE_EXIT"] = str(code)
                with self.assertRaises(AirflowFailException, msg=(stage, code)):
                    run(stage, "2026-11-25")
        os.environ.pop("FAKE_EXIT")

    def test_pull_runs_on_the_worker_before_the_cluster_ingest(self):
        dag = FakeDag.all["burnrate_nightly_cluster"]
        self.assertEqual(set(dag.tasks), {"pull", "ingest", "warehouse", "report"})
        pull = dag.tasks["pull"]
        self.assertEqual(type(pull).__name__, "PythonOperator")
        self.assertEqual(pull.kwargs["op_kwargs"], {"stage": "pull", "ds": "{{ ds }}"})
        self.assertEqual(pull.downstream, {"ingest"})
        self.assertEqual(
            self.dag_module.stage_command("pull", "2026-11-25"),
            [os.path.join(self.home, "bin", "burnrate"), "pull", "--conf",
             os.path.join(self.home, "conf"), "--date", "2026-11-25"])

    def test_cluster_variant_submits_the_application_jar(self):
        dag = FakeDag.all["burnrate_nightly_cluster"]
        ingest = dag.tasks["ingest"]
        self.assertEqual(type(ingest).__name__, "SparkSubmitOperator")
        self.assertEqual(ingest.kwargs["java_class"], "dev.burnrate.pipeline.IngestMain")
        self.assertTrue(ingest.kwargs["application"].endswith("pipeline/target/burnrate-spark-app.jar"))
        self.assertEqual(ingest.kwargs["application_args"][-2:], ["--date", "{{ ds }}"])
        self.assertEqual(ingest.downstream, {"warehouse"})
        self.assertEqual(dag.tasks["warehouse"].downstream, {"report"})


if __name__ == "__main__":
    unittest.main()
