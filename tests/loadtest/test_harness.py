"""The load harness's parts that work without Locust: the fault proxy, the codes, the forms, the report, and the
command that prepares a load-test database (which refuses any other)."""

import socket
import threading

import pytest
from django.core.management import CommandError, call_command
from django_otp.oath import TOTP

from loadtest.components import FaultProxy
from loadtest.html import choices, form_fields
from loadtest.otp import totp
from loadtest.report import Event, format_fault, format_table, percentile, summarise, summarise_fault


@pytest.fixture
def echo_server():
    """A TCP server on a spare port that sends back what it is sent."""
    server = socket.create_server(("127.0.0.1", 0))

    def serve():
        while True:
            try:
                connection, _ = server.accept()
            except OSError:
                return
            threading.Thread(target=echo, args=(connection,), daemon=True).start()

    def echo(connection):
        with connection:
            while data := connection.recv(1024):
                connection.sendall(data)

    threading.Thread(target=serve, daemon=True).start()
    yield server.getsockname()[1]
    server.close()


def exchange(port, message=b"hello"):
    with socket.create_connection(("127.0.0.1", port), timeout=2) as connection:
        connection.sendall(message)
        return connection.recv(1024)


def test_the_proxy_drops_connections_refuses_new_ones_and_comes_back(echo_server):
    proxy = FaultProxy("127.0.0.1", echo_server)
    try:
        assert exchange(proxy.port) == b"hello"
        held = socket.create_connection(("127.0.0.1", proxy.port), timeout=2)
        held.sendall(b"ping")
        assert held.recv(1024) == b"ping"

        proxy.down()
        with pytest.raises(OSError):  # the open connection is reset (or closed)
            held.sendall(b"again")
            if not held.recv(1024):
                raise ConnectionResetError
        with pytest.raises(ConnectionRefusedError):
            exchange(proxy.port)

        proxy.up()
        assert exchange(proxy.port, b"back") == b"back"
    finally:
        held.close()
        proxy.close()


def test_codes_are_those_django_otp_accepts():
    key = "3132333435363738393031323334353637383930"
    app = TOTP(bytes.fromhex(key))
    app.time = 59
    assert totp(key, at=59) == f"{app.token():06d}" == "287082"  # RFC 6238's SHA-1 test vector, to six digits


def test_the_edit_form_is_read_as_a_browser_would_submit_it():
    html = """
    <form id="page-edit-form" method="post">
      <input type="hidden" name="csrfmiddlewaretoken" value="tok">
      <input name="title" value="Drop-in">
      <input type="checkbox" name="women_only" checked>
      <input type="checkbox" name="terms" value="3">
      <textarea name="hours_notes">Mondays</textarea>
      <select name="council_areas" multiple><option value="1" selected>A</option><option value="2">B</option></select>
      <template><input name="locations-__prefix__-town" value=""></template>
      <button type="submit" name="action-publish">Publish</button>
    </form>"""
    assert form_fields(html, "page-edit-form") == [
        ("csrfmiddlewaretoken", "tok"),
        ("title", "Drop-in"),
        ("women_only", "on"),
        ("hours_notes", "Mondays"),
        ("council_areas", "1"),
    ]
    assert choices(html, ["terms"]) == [("terms", "3")]


def events():
    ok = [Event(100 + i, "searcher: postcode", True, float(i + 1)) for i in range(100)]
    failed = [
        Event(150, "member: minutes", False, 5.0, "HTTP 503"),
        Event(161, "member: minutes", False, 5.0, "HTTP 503"),
        Event(163, "member: minutes", True, 40.0),
    ]
    return ok + failed


def test_the_report_gives_throughput_percentiles_and_errors_per_kind():
    rows = {row.kind: row for row in summarise(events(), seconds=100)}
    postcode = rows["searcher: postcode"]
    assert (postcode.count, postcode.per_second, postcode.p50, postcode.p95, postcode.p99) == (100, 1.0, 50, 95, 99)
    assert (rows["member: minutes"].errors, rows["all requests"].count) == (2, 103)
    table = format_table(summarise(events(), seconds=100))
    assert "searcher: postcode" in table and "p99 ms" in table
    assert percentile([], 0.5) == 0


def test_a_fault_counts_failures_while_away_and_the_time_to_recover():
    summary = summarise_fault(events(), "postgres", down_at=145, up_at=160, health_ok_at=162.5)
    assert (summary.failed_during, summary.failed_after) == (1, 1)
    assert summary.recovery_seconds == pytest.approx(1.0)
    assert summary.health_ok_seconds == pytest.approx(2.5)
    assert "postgres away for 15.0 s" in format_fault(summary)


@pytest.mark.django_db
def test_prepare_loadtest_refuses_without_the_flag():
    with pytest.raises(CommandError, match="--load-test-database"):
        call_command("prepare_loadtest")


@pytest.mark.django_db
def test_prepare_loadtest_refuses_a_database_not_named_for_load_tests():
    with pytest.raises(CommandError, match="not named as a load-test database"):
        call_command("prepare_loadtest", "--load-test-database")
