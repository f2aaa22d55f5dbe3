"""The launcher's rebuild check (bin/burnrate's needs_build): a change to any module's main sources
or POM makes the next command rebuild, and nothing under target/ or a test folder does. Run with
`python3 -m unittest discover -s bin -p 'test_launcher.py'`."""
import os
import pathlib
import re
import subprocess
import tempfile
import time
import unittest

ROOT = pathlib.Path(__file__).resolve().parent.parent
LAUNCHER = (ROOT / "bin" / "burnrate").read_text()
MODULES = re.findall(r"<module>([^<]+)</module>", (ROOT / "pom.xml").read_text())
NEEDS_BUILD = re.search(r"^needs_build\(\) \{\n.*?^\}\n", LAUNCHER, re.S | re.M).group(0)


class LauncherRebuildTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.root = pathlib.Path(self.tmp.name)
        (self.root / "pom.xml").write_text("<project/>")
        for m in MODULES:
            for sub in ("src/main/java/X.java", "src/test/java/XTest.java", "target/classes/X.class"):
                f = self.root / m / sub
                f.parent.mkdir(parents=True, exist_ok=True)
                f.write_text("x")
            (self.root / m / "pom.xml").write_text("<project/>")
        self.target = self.root / "cli" / "target"
        self.tools = self.root / "testing" / "burnrate-tools" / "target"
        for f in (self.target / "burnrate-cli.jar", self.target / "launcher" / "jvm.options",
                  self.tools / "burnrate-tools.jar", self.tools / "classpath.txt"):
            f.parent.mkdir(parents=True, exist_ok=True)
            f.write_text("x")
        self.stamp = self.target / ".burnrate-built"
        self.stamp.write_text("")
        self.clock = time.time() - 3600
        for dirpath, _, files in os.walk(self.root):
            for name in files:
                os.utime(os.path.join(dirpath, name), (self.clock, self.clock))
        self.built()

    def tearDown(self):
        self.tmp.cleanup()

    def needs_build(self):
        script = (f'root="{self.root}"; target="{self.target}"; jar="$target/burnrate-cli.jar"; '
                  f'stamp="{self.stamp}"; tools="{self.tools}"\n'
                  + NEEDS_BUILD + "needs_build && echo yes || echo no\n")
        return subprocess.run(["bash", "-c", script], capture_output=True, text=True,
                              check=True).stdout.strip() == "yes"

    def tick(self):
        self.clock += 1
        return (self.clock, self.clock)

    def built(self):
        """A build finished now: its stamp is newer than every file."""
        os.utime(self.stamp, self.tick())

    def touch(self, relative):
        f = self.root / relative
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text("changed")
        os.utime(f, self.tick())

    def test_nothing_changed_needs_no_build(self):
        self.assertFalse(self.needs_build())

    def test_a_change_to_any_modules_main_sources_rebuilds(self):
        self.assertGreaterEqual(len(MODULES), 9, MODULES)
        for m in MODULES:
            with self.subTest(module=m):
                self.touch(f"{m}/src/main/java/X.java")
                self.assertTrue(self.needs_build(), f"a change under {m}/src/main is not rebuilt")
                self.built()

    def test_a_changed_pom_rebuilds(self):
        for pom in ["pom.xml"] + [f"{m}/pom.xml" for m in MODULES]:
            with self.subTest(pom=pom):
                self.touch(pom)
                self.assertTrue(self.needs_build(), f"a changed {pom} is not rebuilt")
                self.built()

    def test_tests_and_build_output_do_not_rebuild(self):
        self.touch("storage/src/test/java/XTest.java")
        self.touch("etl/target/classes/X.class")
        self.assertFalse(self.needs_build())

    def test_a_missing_build_rebuilds(self):
        (self.tools / "classpath.txt").unlink()
        self.assertTrue(self.needs_build())


if __name__ == "__main__":
    unittest.main()
