"""`make deploy` and `make rollback` against real servers on 127.0.0.1.

SSH: sshd (openssh-server) + rsync, nginx serving <folder>/current. FTP: pyftpdlib + lftp,
nginx serving <folder>/www. Every server is started and stopped here, on a port from the OS.
The first version is the production build of the session; the second changes the home page
and the stylesheet (tests/harness/deploy.py).
"""

import os
import re
import shutil
import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest
import yaml

from plugins.publishing.deploy import check
from plugins.publishing.deploy.errors import DeployError, explain
from plugins.publishing.deploy.target import target_from_environment
from tests.harness import nginx, sshd
from tests.harness.build import ROOT
from tests.harness.deploy import STYLESHEET, deploy, deploy_command, fetch
from tests.harness.deploy import second_version as make_second_version
from tests.harness.ftp import FtpServer
from tests.harness.hosts import free_port
from tests.harness.publish import production_site
from tests.harness.server import SiteServer

PIPELINES = sorted((ROOT / "deploy/ci").glob("*.yml"))
# An upload big enough to be interrupted midway (a sparse file: nothing to write locally).
BIG_FILE = "0-gros-fichier.bin"
BIG_FILE_BYTES = 400 * 1024 * 1024


def _require(*tools):
    missing = [tool for tool in tools if shutil.which(tool) is None]
    if missing or not nginx.available():
        pytest.skip(
            f"absent de cette machine : {', '.join(missing) or 'nginx'} "
            "(paquets Debian openssh-server, openssh-client, rsync, lftp, nginx : .ci/run)"
        )


@pytest.fixture(scope="module")
def v1() -> Path:
    return production_site()


@pytest.fixture(scope="module")
def v2(v1, tmp_path_factory) -> Path:
    return make_second_version(v1, tmp_path_factory.mktemp("version"))


@pytest.fixture(scope="module")
def big(v2, tmp_path_factory) -> Path:
    """The second version with a large file first in the upload order."""
    site = tmp_path_factory.mktemp("gros") / "site"
    shutil.copytree(v2, site)
    with (site / BIG_FILE).open("wb") as file:
        file.truncate(BIG_FILE_BYTES)
    return site


@pytest.fixture
def ssh_host(tmp_path):
    """sshd and nginx serving <folder>/current; yields (environment, nginx origin, folder)."""
    if not sshd.available():
        pytest.skip("sshd, ssh ou rsync absent (paquets openssh-server, openssh-client, rsync)")
    _require("ssh", "rsync")
    folder = tmp_path / "hebergement"
    folder.mkdir()
    with sshd.Sshd() as server, nginx.Nginx(folder / "current") as web:
        environment = {
            "COOPSOC_DEPLOY": f"ssh://{server.user}@127.0.0.1:{server.port}{folder}",
            "COOPSOC_DEPLOY_KEY": str(server.client_key),
            "COOPSOC_DEPLOY_KNOWN_HOSTS": str(server.known_hosts),
            "COOPSOC_DEPLOY_CHECK_URL": web.origin,
            "COOPSOC_DEPLOY_STATS": "1",
        }
        yield environment, web.origin, folder


@pytest.fixture
def ftp_host(tmp_path):
    """pyftpdlib and nginx serving <root>/www; yields (environment, nginx origin, root)."""
    _require("lftp")
    root = tmp_path / "ftp"
    root.mkdir()
    with FtpServer(root) as server, nginx.Nginx(root / "www") as web:
        environment = {
            "COOPSOC_DEPLOY": f"ftp://{server.user}@127.0.0.1:{server.port}/www",
            "COOPSOC_DEPLOY_FTP_EN_CLAIR": "1",
            "COOPSOC_DEPLOY_PASSWORD": server.password,
            "COOPSOC_DEPLOY_CHECK_URL": web.origin,
        }
        yield environment, web.origin, root


def _deployed(environment, site):
    result = deploy("deploy", environment, site)
    assert result.returncode == 0, result.stderr
    return result


def _version(origin: str, v1: Path, v2: Path) -> str | None:
    home = fetch(origin)
    return {(v1 / "index.html").read_bytes(): "v1", (v2 / "index.html").read_bytes(): "v2"}.get(
        home
    )


def _changed_files(old: Path, new: Path) -> int:
    """How many files of new are not in old, or differ."""
    count = 0
    for path in new.rglob("*"):
        if path.is_file():
            before = old / path.relative_to(new)
            count += not before.is_file() or before.read_bytes() != path.read_bytes()
    return count


def _interrupt_when(command, environment, started) -> subprocess.CompletedProcess:
    """Run a deploy, and press Ctrl-C (SIGINT to its process group) once started() holds.

    The deploy starts with SIGINT's default action, as from a terminal: a test run in the
    background (`pytest &`) would otherwise pass on SIGINT ignored, and the deploy would
    not see the Ctrl-C its tools see."""
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env={**os.environ, **environment},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 60
    while not started() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    assert process.poll() is None, "le déploiement a fini avant d’être interrompu"
    os.killpg(process.pid, signal.SIGINT)
    stdout, stderr = process.communicate(timeout=60)
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)


class Reader(threading.Thread):
    """A visitor loading the home page then its stylesheet, again and again."""

    def __init__(self, origin: str, v1: Path, v2: Path):
        super().__init__(daemon=True)
        self.origin, self.stop, self.seen = origin, threading.Event(), []
        self.versions = {}
        for name, site in (("v1", v1), ("v2", v2)):
            home = (site / "index.html").read_bytes()
            css = STYLESHEET.search(home.decode()).group(0)
            self.versions[home] = (name, (site / css).read_bytes())

    def run(self):
        while not self.stop.is_set():
            home = fetch(self.origin)
            name, stylesheet = self.versions.get(home, ("?", None))
            link = STYLESHEET.search(home.decode()).group(0) if stylesheet else ""
            same = stylesheet is not None and fetch(self.origin, link) == stylesheet
            self.seen.append((name, same))


# SSH + rsync ---------------------------------------------------------------------------------


def test_ssh_deploys_switch_atomically_and_roll_back(ssh_host, v1, v2):
    environment, origin, folder = ssh_host
    environment = {**environment, "COOPSOC_DEPLOY_KEEP": "2"}
    first = _deployed(environment, v1)
    assert "vérifié" in first.stdout
    assert _version(origin, v1, v2) == "v1"
    assert (folder / "current/.htaccess").read_bytes() == (v1 / ".htaccess").read_bytes()

    reader = Reader(origin, v1, v2)
    reader.start()
    second = _deployed(environment, v2)
    deadline = time.monotonic() + 10
    while ("v2", True) not in reader.seen and time.monotonic() < deadline:
        time.sleep(0.01)
    reader.stop.set()
    reader.join()
    # Every load during the switch: a whole version, home page and stylesheet together.
    assert {seen for seen in reader.seen} == {("v1", True), ("v2", True)}

    releases = sorted(p for p in (folder / "releases").iterdir() if p.is_dir())
    assert len(releases) == 2 and (folder / "current").resolve() == releases[1]
    # Unchanged files are hard links to the previous release; only the changes travel.
    brochure = "plaquette/coopsoc-plaquette.pdf"
    assert (releases[0] / brochure).stat().st_ino == (releases[1] / brochure).stat().st_ino
    transferred = re.search(r"regular files transferred: ([\d,]+)", second.stdout).group(1)
    assert int(transferred.replace(",", "")) == _changed_files(v1, v2)

    back = deploy("rollback", environment)
    assert back.returncode == 0, back.stderr
    assert releases[0].name in back.stdout
    assert _version(origin, v1, v2) == "v1"

    _deployed(environment, v2)
    assert _version(origin, v1, v2) == "v2"
    kept = sorted(p.name for p in (folder / "releases").iterdir() if p.is_dir())
    assert len(kept) == 2 and releases[0].name not in kept


def test_ssh_interrupted_deploy_leaves_the_site_online(ssh_host, v1, v2, big):
    environment, origin, folder = ssh_host
    _deployed(environment, v1)
    online = (folder / "current").resolve()

    def uploading():
        return any(path.name.endswith(".envoi") for path in (folder / "releases").iterdir())

    result = _interrupt_when(deploy_command("deploy", big), environment, uploading)
    assert result.returncode != 0
    assert "interrompue" in result.stderr and "n’a pas changé" in result.stderr
    assert (folder / "current").resolve() == online
    assert _version(origin, v1, v2) == "v1"

    # The next deploy clears what the interrupted one left.
    _deployed(environment, v2)
    assert _version(origin, v1, v2) == "v2"
    assert not [p for p in (folder / "releases").iterdir() if p.name.endswith(".envoi")]


def test_ssh_deploy_rolls_back_when_the_public_address_differs(ssh_host, v1, v2):
    environment, origin, folder = ssh_host
    _deployed(environment, v1)
    # A public address still serving the first version (a cache, another server…).
    with SiteServer(v1, v1, policy=None) as stale:
        result = deploy("deploy", {**environment, "COOPSOC_DEPLOY_CHECK_URL": stale.origin}, v2)
    assert result.returncode == 1
    assert "La version précédente a été remise en ligne" in result.stderr
    assert "index.html" in result.stderr
    assert _version(origin, v1, v2) == "v1"


@pytest.mark.parametrize(
    "failure, expected",
    [
        ("port fermé", "ne répond pas"),
        ("clé refusée", "refuse la connexion"),
        ("clé d’hôte inconnue", "n’est pas dans"),
        ("clé d’hôte changée", "a changé"),
    ],
)
def test_ssh_failures_are_explained_in_french(ssh_host, v1, tmp_path, failure, expected):
    environment, origin, folder = ssh_host
    known_hosts = Path(environment["COOPSOC_DEPLOY_KNOWN_HOSTS"])
    if failure == "port fermé":
        address = re.sub(r":\d+/", f":{free_port()}/", environment["COOPSOC_DEPLOY"])
        environment = {**environment, "COOPSOC_DEPLOY": address}
    elif failure == "clé refusée":
        key = tmp_path / "autre"
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key], check=True)
        environment = {**environment, "COOPSOC_DEPLOY_KEY": str(key)}
    elif failure == "clé d’hôte inconnue":
        (tmp_path / "vide").write_text("")
        environment = {**environment, "COOPSOC_DEPLOY_KNOWN_HOSTS": str(tmp_path / "vide")}
    else:
        other = tmp_path / "autre-hote"
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", other], check=True)
        pinned = known_hosts.read_text().split()[0]
        changed = f"{pinned} {other.with_suffix('.pub').read_text()}"
        (tmp_path / "change").write_text(changed)
        environment = {**environment, "COOPSOC_DEPLOY_KNOWN_HOSTS": str(tmp_path / "change")}
    result = deploy("deploy", environment, v1)
    assert result.returncode == 1
    assert expected in result.stderr and "Le site en ligne n’a pas changé" in result.stderr
    assert not (folder / "current").exists()


# FTP + lftp ----------------------------------------------------------------------------------


def test_ftp_deploy_swaps_removes_stale_files_and_rolls_back(ftp_host, v1, v2):
    environment, origin, root = ftp_host
    _deployed(environment, v1)
    assert (root / "www/.htaccess").read_bytes() == (v1 / ".htaccess").read_bytes()
    assert _version(origin, v1, v2) == "v1"

    _deployed(environment, v2)
    assert _version(origin, v1, v2) == "v2"
    old_css = next((v1 / "theme/css").glob("site.*.css")).name
    assert not (root / "www/theme/css" / old_css).exists()
    assert (root / "www.prev/theme/css" / old_css).exists()
    assert not (root / "www.next").exists()
    files = {p.relative_to(root / "www") for p in (root / "www").rglob("*")}
    assert files == {p.relative_to(v2) for p in v2.rglob("*")}

    back = deploy("rollback", environment)
    assert back.returncode == 0, back.stderr
    assert _version(origin, v1, v2) == "v1"


def test_ftp_interrupted_deploy_leaves_the_site_online(ftp_host, v1, v2, big):
    environment, origin, root = ftp_host
    _deployed(environment, v1)

    def uploading():
        return (root / "www.next" / BIG_FILE).exists()

    result = _interrupt_when(deploy_command("deploy", big), environment, uploading)
    assert result.returncode != 0 and "interrompue" in result.stderr
    assert _version(origin, v1, v2) == "v1"
    assert not (root / "www.prev").exists()


def test_ftp_wrong_password_is_explained(ftp_host, v1):
    environment, origin, root = ftp_host
    result = deploy("deploy", {**environment, "COOPSOC_DEPLOY_PASSWORD": "faux"}, v1)
    assert result.returncode == 1 and "refuse la connexion" in result.stderr
    assert not (root / "www").exists()


# Settings, messages, post-deploy sample ------------------------------------------------------

TARGETS = [
    ({}, "COOPSOC_DEPLOY n’est pas réglé"),
    ({"COOPSOC_DEPLOY": "http://h/www"}, "seuls ssh://, sftp://, ftps:// et ftp://"),
    ({"COOPSOC_DEPLOY": "ftp://u@h/www"}, "COOPSOC_DEPLOY_FTP_EN_CLAIR=1"),
    ({"COOPSOC_DEPLOY": "sftp://u:secret@h/www"}, "COOPSOC_DEPLOY_PASSWORD"),
    ({"COOPSOC_DEPLOY": "ssh://h/var/www"}, "doit nommer le compte"),
    ({"COOPSOC_DEPLOY": "ssh://u@h"}, "doit nommer le compte"),
    ({"COOPSOC_DEPLOY": "ssh://u@h/w", "COOPSOC_DEPLOY_KEEP": "1"}, "2 ou plus"),
]


@pytest.mark.parametrize("environ, expected", TARGETS)
def test_bad_targets_are_refused_with_what_to_do(environ, expected):
    with pytest.raises(DeployError, match=expected):
        target_from_environment(environ)


def test_a_target_names_host_port_folder_and_pinned_key_file():
    target = target_from_environment(
        {"COOPSOC_DEPLOY": "sftp://compte@h.example.net:2222/www/", "COOPSOC_DEPLOY_KEEP": "3"}
    )
    assert (target.scheme, target.user, target.host, target.port) == (
        "sftp", "compte", "h.example.net", 2222,
    )  # fmt: skip
    assert (target.path, target.keep, target.known_hosts.name) == ("/www", 3, "known_hosts")


@pytest.mark.parametrize(
    "printed, expected",
    [
        ("rsync: write failed on x: No space left on device (28)", "espace disque"),
        ("put: Access failed: 552 Disk full", "espace disque"),
        ("ssh: Could not resolve hostname h: Name or service not known", "introuvable"),
        ("mirror: Login failed: 530 Login incorrect.", "refuse la connexion"),
        ("rsync error: received SIGINT (code 20)", "interrompu"),
    ],
)
def test_tool_messages_become_french_advice(printed, expected):
    target = target_from_environment({"COOPSOC_DEPLOY": "ssh://u@h/w"})
    assert expected in explain(printed, target)


def test_the_check_samples_home_an_establishment_the_brochure_and_an_asset(v1):
    addresses = check.sample(v1)
    assert "" in addresses and check.BROCHURE in addresses
    assert any(a.startswith("etablissements/") and a.endswith("/") for a in addresses)
    assert any(STYLESHEET.fullmatch(a) for a in addresses)
    assert check.public_address(v1) == "https://coopsoc.example.org"


# make targets and CI pipelines ---------------------------------------------------------------


def test_make_deploy_builds_with_make_publish_first():
    printed = subprocess.run(
        ["make", "-n", "-B", "deploy"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    publish = printed.index("--settings publishconf.py --output output")
    assert publish < printed.index("-m plugins.publishing.deploy deploy --site output")
    rollback = subprocess.run(
        ["make", "-n", "rollback"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert "-m plugins.publishing.deploy rollback" in rollback and "publishconf" not in rollback


def test_there_are_pipelines_for_gitlab_github_and_forgejo():
    assert [p.name for p in PIPELINES] == [
        "forgejo-deploy.yml", "github-deploy.yml", "gitlab-ci.yml",
    ]  # fmt: skip


def _commands(node) -> str:
    """Every string of a parsed pipeline, joined."""
    if isinstance(node, dict):
        return "\n".join(_commands(v) for v in node.values())
    if isinstance(node, list):
        return "\n".join(_commands(v) for v in node)
    return str(node)


@pytest.mark.parametrize("pipeline", PIPELINES, ids=lambda p: p.name)
def test_pipelines_are_yaml_and_run_the_make_targets(pipeline):
    parsed = yaml.safe_load(pipeline.read_text(encoding="utf-8"))
    assert isinstance(parsed, dict)
    commands = _commands(parsed)
    for target in ("make check", "make test", "make publish", "make deploy"):
        assert target in commands, f"{pipeline.name} : {target} absent"
    # Secrets come from the forge's secret store, and are never echoed.
    assert "COOPSOC_DEPLOY" in commands
    assert not re.search(r"echo[^\n]*COOPSOC_DEPLOY_(PASSWORD|KEY)", commands)
