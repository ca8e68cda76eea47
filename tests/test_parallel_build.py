"""Pages written on several processors: the same bytes as in one process, every signal seen.

Builds run in new processes: a process with other threads (a test server) never forks.
"""

import json
import os
import re
import subprocess
import sys

from tests.harness.build import ROOT, run_build_command
from tests.test_build import snapshot

# Writes pages in parallel in a fresh process, and reports which process wrote each page
# and what each content_written receiver saw.
POOL_SCRIPT = """
import json, os, sys, tempfile
from jinja2 import Template
from pelican import signals
from pelican.writers import Writer
from plugins.coopsoc.output import pages_in_parallel, read_pages, rework_written_file, write_page

class Generator:
    settings = {"RELATIVE_URLS": True}
    context = {"OUTPUT_PATH": sys.argv[1]}
    def get_template(self, name):
        return Template("{{ page_path }} {{ pid() }} {{ SITEURL }}")

seen = {"file": [], "main": []}

@rework_written_file
def in_writer(path, context):
    seen["file"].append(os.getpid())

def in_main(path, context):
    seen["main"].append((os.getpid(), os.path.relpath(path, sys.argv[1]), context["SITEURL"]))

class Reader:
    pages = set()
    def read(self, html):
        self.pages.add((html.split()[0], html.split()[1]))
    def gathered(self):
        return sorted(self.pages)
    def merge(self, pages):
        self.pages.update(map(tuple, pages))

reader = read_pages(Reader())
signals.content_written.connect(in_writer)
signals.content_written.connect(in_main)
writer = Writer(sys.argv[1], {"RELATIVE_URLS": True})
generator = Generator()
generator.context["pid"] = os.getpid
with pages_in_parallel(writer):
    for n in range(6):
        write_page(writer, generator, f"p{n}/a/", "page")
written, read = sorted(writer._written_files), sorted(reader.pages)
print(json.dumps({"pid": os.getpid(), "seen": seen, "written": written, "read": read}))
"""


def on_two_processes(script: str, folder) -> dict:
    """Run script in a fresh process allowed two processors; return the JSON it prints last."""
    result = subprocess.run(
        [sys.executable, "-c", script, str(folder)],
        cwd=ROOT,
        env={**os.environ, "COOPSOC_PROCESSES": "2"},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_pages_are_shared_between_processes_and_signals_reach_this_one(tmp_path):
    """Six pages on two processes: both write, the sitemap's kind of receiver sees all six."""
    report = on_two_processes(POOL_SCRIPT, tmp_path)
    writers = {path.read_text().split()[1] for path in tmp_path.glob("p*/a/index.html")}
    assert len(writers) == 2 and str(report["pid"]) in writers
    pages = sorted(f"p{n}/a/index.html" for n in range(6))
    assert sorted(p for _, p, _ in report["seen"]["main"]) == pages
    assert {pid for pid, _, _ in report["seen"]["main"]} == {report["pid"]}
    assert {siteurl for _, _, siteurl in report["seen"]["main"]} == {"../.."}
    assert len(report["seen"]["file"]) == 3  # the other three ran in the other process
    assert len(report["written"]) == 6  # Pelican still refuses a second write of any
    # A reader of the pages (the fonts' characters) has every page, read where it was written.
    assert sorted(path for path, _ in report["read"]) == [f"p{n}/a/" for n in range(6)]
    assert {pid for _, pid in report["read"]} == writers


def test_parallel_build_is_byte_identical_to_a_build_in_one_process(tmp_path):
    """A production build (sitemap, compressed copies) on two processors and on one."""
    builds = {}
    for processes in ("1", "2"):
        environment = {
            **os.environ,
            "COOPSOC_PROCESSES": processes,
            "COOPSOC_DEMONSTRATION": "1",  # the settings still hold placeholders
            "SOURCE_DATE_EPOCH": "1795000000",
        }
        output = tmp_path / f"site-{processes}"
        result = run_build_command("publishconf.py", output, environment)
        assert result.returncode == 0, result.stderr
        builds[processes] = snapshot(output)
    assert builds["1"] == builds["2"]
    # The sitemap (in the snapshot) lists the pages the other process wrote.
    sitemap = (tmp_path / "site-2" / "sitemap.xml").read_text(encoding="utf-8")
    establishments = [
        p for p in builds["2"] if re.fullmatch(r"etablissements/[^/]+-[^/]+/index\.html", p)
    ]
    assert establishments
    for page in establishments:
        assert f"/{page.removesuffix('index.html')}</loc>" in sitemap, page


# Builds the fixture data in a fresh process and reports how the collector saw the heap
# while pages were written, and after the build.
FREEZE_SCRIPT = """
import gc, json, sys
from pelican import Pelican, signals
from pelican.settings import read_settings
from tests.harness.build import FIXTURE_DATA, data_settings

frozen = {"writing": []}

def written(path, *args, **kwargs):
    if "/etablissements/" in path:
        frozen["writing"].append(gc.get_freeze_count())

signals.content_written.connect(written)
override = {"OUTPUT_PATH": sys.argv[1], **data_settings(FIXTURE_DATA)}
Pelican(read_settings("pelicanconf.py", override=override)).run()
print(json.dumps({**frozen, "after": gc.get_freeze_count()}))
"""


def test_the_heap_is_set_aside_from_the_collector_while_forked_processes_run(tmp_path):
    """gc.freeze() while the directory's pages are written by forked processes (and the
    search indexed in one); gc.unfreeze() once they are done, so that a preview server,
    which builds again in the same process, keeps nothing out of the collector's reach."""
    seen = on_two_processes(FREEZE_SCRIPT, tmp_path)
    assert seen["writing"], "the directory's pages written"
    # This process's share is written with the heap set aside (the signals of the other
    # processes' pages are replayed here afterwards, when it may be released).
    assert max(seen["writing"]) > 10_000, "written with the heap set aside"
    assert seen["after"] == 0


SHARED_SCRIPT = """
import json, os, sys
from pathlib import Path
from plugins.coopsoc.forks import ITEMS_PER_PROCESS, each_shared

folder = Path(sys.argv[1])
def write(n):
    if n == int(os.environ.get("FAIL_AT", -1)):
        raise ValueError(f"élément {n}")
    (folder / f"{n}.txt").write_text(str(os.getpid()))
try:
    each_shared(write, list(range(2 * ITEMS_PER_PROCESS)))
    print(json.dumps({"pid": os.getpid(), "error": None}))
except ValueError as error:
    print(json.dumps({"pid": os.getpid(), "error": str(error)}))
"""


def test_work_on_many_files_is_shared_between_processes(tmp_path):
    """each_shared calls the function for every item, in processes other than this one."""
    report = on_two_processes(SHARED_SCRIPT, tmp_path)
    written = {int(path.stem): path.read_text() for path in tmp_path.glob("*.txt")}
    assert report["error"] is None
    assert sorted(written) == list(range(len(written))) and len(written) >= 400
    assert len(set(written.values())) == 2 and str(report["pid"]) not in written.values()


def test_an_error_in_shared_work_is_raised_here(tmp_path, monkeypatch):
    monkeypatch.setenv("FAIL_AT", "250")
    report = on_two_processes(SHARED_SCRIPT, tmp_path)
    assert report["error"] == "élément 250"


WARM_SCRIPT = """
import json, os, sys
from plugins.coopsoc.forks import Warm

READY = []
def prepare():
    READY.append(os.getpid())
def where(value):  # the process that runs the call, and whether prepare ran there first
    if value == "refusé":
        raise ValueError(f"valeur {value}")
    return {"pid": os.getpid(), "prepared": READY == [os.getpid()], "value": value * 2}

reports = {"pid": os.getpid()}
warm = Warm(prepare)
warm.call(where, 21)
reports["call"] = warm.result()
warm = Warm(prepare)
warm.call(where, "refusé")
try:
    warm.result()
except ValueError as error:
    reports["error"] = str(error)
warm = Warm(prepare)
warm.process.kill()  # gone before its call: the call is made here
warm.process.join()
warm.call(where, 5)
reports["gone"] = warm.result()
warm = Warm(prepare)  # a build that stops before its call: the process ends
warm.close()
reports["abandoned"] = warm.process.exitcode
warm = Warm(prepare)  # …or after, leaving a result larger than a pipe holds: it ends too
warm.call(bytes, 1_000_000)
warm.close()
reports["unread"] = warm.process.exitcode
print(json.dumps(reports))
"""


def test_a_warm_process_makes_the_call_it_got_ready_for_or_raises_its_error(tmp_path):
    """Warm forks a process that prepares at once and makes the call handed later; its
    error is raised here with its message; a process gone leaves the call to this one."""
    report = on_two_processes(WARM_SCRIPT, tmp_path)
    call = report["call"]
    assert call["value"] == 42 and call["prepared"] and call["pid"] != report["pid"]
    assert report["error"] == "valeur refusé"
    assert report["gone"] == {"pid": report["pid"], "prepared": False, "value": 10}
    assert report["abandoned"] == report["unread"] == 0
