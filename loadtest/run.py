"""`make loadtest`: serve the portal as `make serve` does, on the harness's own Redis, a proxy in front of PostgreSQL
and (with --fault search) a stand-in for Elasticsearch; run Locust's personas against it; optionally break one
component mid-run; print the figures.

    python -m loadtest.run --users 16 --duration 60s [--fault redis|postgres|search]
"""

import argparse
import json
import os
import re
import secrets
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from loadtest.components import FakeSearch, FaultProxy, RedisServer, spare_port
from loadtest.report import error_kinds, format_fault, format_table, read_events, summarise, summarise_fault

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
FAULTS = ("redis", "postgres", "search")
HEALTH_COMPONENT = {"redis": "cache", "postgres": "database", "search": "search"}


def seconds(text):
    """'90', '90s', '10m' or '1h' in seconds."""
    match = re.fullmatch(r"(\d+)([smh]?)", text.strip())
    if not match:
        raise argparse.ArgumentTypeError(f"{text!r} is not a duration such as 60s or 10m")
    return int(match[1]) * {"": 1, "s": 1, "m": 60, "h": 3600}[match[2]]


def arguments(argv=None):
    parser = argparse.ArgumentParser(prog="make loadtest", description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=int(os.environ.get("LOADTEST_USERS", "16")))
    parser.add_argument("--spawn-rate", type=float, default=4.0, help="users started per second (4)")
    parser.add_argument("--duration", type=seconds, default=seconds(os.environ.get("LOADTEST_DURATION", "60s")))
    parser.add_argument("--fault", choices=FAULTS, default=os.environ.get("LOADTEST_FAULT") or None)
    parser.add_argument("--fault-at", type=seconds, help="seconds into the run to break it (a third of the run)")
    parser.add_argument("--fault-for", type=seconds, default=seconds("10s"), help="how long it stays away (10s)")
    parser.add_argument(
        "--postgres",
        default=os.environ.get("LOADTEST_POSTGRES", "postgres://postgres@127.0.0.1:5432"),
        help="the PostgreSQL server (no database name) where the harness keeps its database, portal_loadtest",
    )
    return parser.parse_args(argv)


class Harness:
    def __init__(self, options):
        self.options = options
        self.var = ROOT / "var" / "loadtest"
        self.var.mkdir(parents=True, exist_ok=True)
        self.port = spare_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.components = []
        self.server = None
        self.timeline = {}

    def say(self, message):
        print(f"[loadtest] {message}", flush=True)

    def start_components(self):
        server = urllib.parse.urlsplit(self.options.postgres)
        self.redis = RedisServer(log_path=self.var / "redis.log")
        self.components.append(self.redis)
        self.database_proxy = FaultProxy(server.hostname or "127.0.0.1", server.port or 5432)
        self.components.append(self.database_proxy)
        credentials = server.netloc.rsplit("@", 1)[0] + "@" if "@" in server.netloc else ""
        self.database_url = f"{server.scheme}://{credentials}127.0.0.1:{self.database_proxy.port}/portal_loadtest"
        self.search = None
        if self.options.fault == "search":
            self.search = FakeSearch()
            self.components.append(self.search)
        self.say(
            f"own Redis on port {self.redis.port}; PostgreSQL through a proxy on port {self.database_proxy.port}"
            + (f"; stand-in Elasticsearch on port {self.search.port}" if self.search else "")
        )

    def environment(self):
        env = dict(os.environ)
        env.update(
            DJANGO_SETTINGS_MODULE="portal.settings.production",
            SECRET_KEY=secrets.token_urlsafe(50),
            ALLOWED_HOSTS="127.0.0.1,localhost",
            SECURE_SSL_REDIRECT="false",
            SESSION_COOKIE_SECURE="false",
            CSRF_COOKIE_SECURE="false",
            SECURE_HSTS_SECONDS="0",
            WAGTAILADMIN_BASE_URL=self.base,
            PORTAL_VAR_DIR=str(self.var),
            DATABASE_URL=self.database_url,
            REDIS_URL=self.redis.url,
            PORT=str(self.port),
            ELASTICSEARCH_URL=f"http://127.0.0.1:{self.search.port}" if self.search else "",
            ELASTICSEARCH_TIMEOUT="2",
        )
        return env

    def create_database(self):
        import psycopg

        with psycopg.connect(f"{self.options.postgres.rstrip('/')}/postgres", autocommit=True) as connection:
            # The documents' files live in this run's var directory: a database prepared with files that are gone
            # (another checkout, a cleaned var/) would answer every document with a 404, so it is made again.
            if not (self.var / "media").exists():
                connection.execute("DROP DATABASE IF EXISTS portal_loadtest WITH (FORCE)")
            if not connection.execute("SELECT 1 FROM pg_database WHERE datname = 'portal_loadtest'").fetchone():
                connection.execute("CREATE DATABASE portal_loadtest")
                self.say("created the database portal_loadtest")

    def manage(self, *args):
        subprocess.run([BIN / "python", "manage.py", *args], cwd=ROOT, env=self.environment(), check=True)

    def prepare(self):
        self.create_database()
        self.say("migrating and preparing the load-test database (the first time takes a few minutes)")
        self.manage("migrate", "--noinput", "--verbosity", "0")
        self.manage("load_initial_data", "--pages-only")
        self.plan = self.var / "plan.json"
        self.manage("prepare_loadtest", "--load-test-database", "--plan", str(self.plan))

    def serve(self):
        self.server_log = open(self.var / "serve.log", "w")  # noqa: SIM115
        env = self.environment()
        self.server = subprocess.Popen(
            [ROOT / "scripts" / "serve"],
            cwd=ROOT,
            env=env,
            stdout=self.server_log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            if self.server.poll() is not None:
                raise RuntimeError(f"scripts/serve ended (status {self.server.returncode}): see {self.server_log.name}")
            if self.health() is not None:
                self.say(f"serving on {self.base}/ (log: {self.server_log.name})")
                return
            time.sleep(0.5)
        raise RuntimeError("The portal did not answer /health/ within 3 minutes.")

    def health(self, timeout=2):
        """/health/ as JSON, or None when it does not answer."""
        try:
            with urllib.request.urlopen(f"{self.base}/health/", timeout=timeout) as response:
                return json.load(response)
        except urllib.error.HTTPError as error:
            return json.load(error) if error.code == 503 else None
        except (OSError, ValueError):
            return None

    def component_ok(self, fault):
        # Under load a request may wait its turn for seconds: that is the queue, not the component's recovery.
        answer = self.health(timeout=15)
        return bool(answer) and answer["components"][HEALTH_COMPONENT[fault]]["status"] == "ok"

    def break_component(self, fault, start):
        at = self.options.fault_at if self.options.fault_at is not None else self.options.duration // 3
        time.sleep(max(0, start + at - time.time()))
        self.say(f"fault: taking {fault} away for {self.options.fault_for} s")
        self.timeline["down"] = time.time()
        if fault == "redis":
            self.redis.down()
        elif fault == "postgres":
            self.database_proxy.down()
        else:
            self.search.hanging = True
        time.sleep(self.options.fault_for)
        if fault == "redis":
            self.redis.up()
        elif fault == "postgres":
            self.database_proxy.up()
        else:
            self.search.hanging = False
        self.timeline["up"] = time.time()
        self.say(f"fault: {fault} is back")
        deadline = self.timeline["up"] + 120
        while time.time() < deadline:
            if self.component_ok(fault) and self.component_ok(fault):  # two answers: likely both workers
                self.timeline["health_ok"] = time.time()
                return
            time.sleep(0.25)

    def load(self):
        events_path = self.var / "events.tsv"
        events_path.write_text("")
        env = self.environment()
        env.update(LOADTEST_PLAN=str(self.plan), LOADTEST_EVENTS=str(events_path), PYTHONPATH=str(ROOT))
        command = [
            BIN / "locust",
            "-f",
            ROOT / "loadtest" / "locustfile.py",
            "--headless",
            "--users",
            str(self.options.users),
            "--spawn-rate",
            str(self.options.spawn_rate),
            "--run-time",
            f"{self.options.duration}s",
            "--host",
            self.base,
            "--only-summary",
            "--stop-timeout",
            "5",
        ]
        fault_note = f", fault: {self.options.fault}" if self.options.fault else ""
        self.say(f"{self.options.users} users for {self.options.duration} s{fault_note}")
        start = time.time()
        fault = None
        if self.options.fault:
            fault = threading.Thread(target=self.break_component, args=(self.options.fault, start), daemon=True)
            fault.start()
        with open(self.var / "locust.log", "w") as log:
            subprocess.run(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, check=False)
        elapsed = time.time() - start
        if fault:
            fault.join(timeout=60)
        return read_events(events_path), elapsed

    def report(self, events, elapsed):
        print()
        print(f"{self.options.users} users, {elapsed:.0f} s, {len(events)} requests")
        print(format_table(summarise(events, elapsed)))
        kinds = error_kinds(events)
        if kinds:
            print("\nerrors:")
            for (kind, error), count in kinds.most_common():
                print(f"  {count:>6}  {kind}: {error}")
        if self.options.fault and "down" in self.timeline:
            print()
            print(
                format_fault(
                    summarise_fault(
                        events,
                        self.options.fault,
                        self.timeline["down"],
                        self.timeline.get("up", time.time()),
                        self.timeline.get("health_ok"),
                    )
                )
            )
            if self.options.fault == "search":
                print(
                    "  (no Elasticsearch runs here: a stand-in answers every search with an error, so searches take "
                    "the database fallback throughout; the fault makes it hang, as a stuck cluster would)"
                )

    def stop(self):
        if self.server and self.server.poll() is None:
            os.killpg(self.server.pid, signal.SIGTERM)
            try:
                self.server.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.server.pid, signal.SIGKILL)
        for component in self.components:
            try:
                component.close()
            except Exception as error:  # noqa: BLE001 (a component that will not close must not hang the report)
                print(f"(could not close {type(component).__name__}: {type(error).__name__})", file=sys.stderr)


def main(argv=None):
    options = arguments(argv)
    if options.fault and options.duration < 30:
        sys.exit("A fault run needs at least 30 s (--duration).")
    harness = Harness(options)
    try:
        harness.start_components()
        harness.prepare()
        harness.serve()
        events, elapsed = harness.load()
        harness.report(events, elapsed)
    finally:
        harness.stop()


if __name__ == "__main__":
    main()
