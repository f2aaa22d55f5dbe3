"""Checks the systemd unit and the crontab: which exits are retried, the umask, and (where
systemd-analyze is installed) that systemd accepts the unit.
Run: python3 -m unittest discover -s deploy -p 'test_schedules.py' -v
"""
import configparser
import os
import shutil
import subprocess
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
SERVICE = os.path.join(HERE, "systemd", "burnrate-nightly.service")
CRONTAB = os.path.join(HERE, "cron", "burnrate.crontab")


def unit(path):
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # systemd keys are case-sensitive
    with open(path, encoding="utf-8") as f:
        parser.read_file(f)
    return parser


class SystemdUnitTest(unittest.TestCase):
    def test_exits_2_3_and_4_are_never_restarted(self):
        service = unit(SERVICE)["Service"]
        self.assertEqual("on-failure", service["Restart"])
        self.assertEqual({"2", "3", "4"}, set(service["RestartPreventExitStatus"].split()))

    def test_oneshot_without_restart_force_exit_status(self):
        # systemd refuses to load a Type=oneshot unit that sets RestartForceExitStatus=
        service = unit(SERVICE)["Service"]
        self.assertEqual("oneshot", service["Type"])
        self.assertNotIn("RestartForceExitStatus", service)

    def test_rate_limit_is_in_the_unit_section(self):
        # in [Service], StartLimitIntervalSec= is ignored and the limit falls back to 10 seconds
        parsed = unit(SERVICE)
        self.assertEqual("6h", parsed["Unit"]["StartLimitIntervalSec"])
        self.assertEqual("3", parsed["Unit"]["StartLimitBurst"])
        self.assertNotIn("StartLimitIntervalSec", parsed["Service"])
        self.assertNotIn("StartLimitBurst", parsed["Service"])

    def test_umask_keeps_others_out(self):
        self.assertEqual("0027", unit(SERVICE)["Service"]["UMask"])

    @unittest.skipUnless(shutil.which("systemd-analyze"), "systemd-analyze is not installed")
    def test_systemd_accepts_the_unit(self):
        with tempfile.TemporaryDirectory() as tmp:
            copy = os.path.join(tmp, os.path.basename(SERVICE))
            shutil.copy(SERVICE, copy)
            result = subprocess.run(
                ["systemd-analyze", "verify", "--man=false", copy],
                capture_output=True,
                text=True,
                check=False,
            )
        # the only complaint allowed: /opt/burnrate is not installed on this machine
        complaints = [
            line
            for line in result.stderr.splitlines()
            if line.strip() and "/opt/burnrate/bin/burnrate is not executable" not in line
        ]
        self.assertEqual([], complaints)


class CrontabTest(unittest.TestCase):
    def test_the_nightly_line_sets_the_umask_first(self):
        with open(CRONTAB, encoding="utf-8") as f:
            jobs = [
                line
                for line in f.read().splitlines()
                if line.strip() and not line.startswith("#") and "=" not in line.split()[0]
            ]
        self.assertEqual(1, len(jobs), jobs)
        command = " ".join(jobs[0].split()[5:])
        self.assertTrue(command.startswith("umask 027 && "), command)
        self.assertIn("bin/burnrate nightly", command)


if __name__ == "__main__":
    unittest.main()
