"""The harness's own components, which it may break without touching the machine's services.

`FaultProxy` is a TCP proxy (PostgreSQL goes through it): `down()` drops every connection and refuses new ones,
`up()` listens again. `FakeSearch` stands in for Elasticsearch, which cannot run here: it answers every request with
an error (so each search takes the portal's database fallback), and while down accepts connections but never
answers (a hung cluster). `RedisServer` is a redis-server of the harness's own on a spare port.
"""

import asyncio
import contextlib
import shutil
import socket
import subprocess
import threading
import time


def spare_port():
    """A TCP port nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port, timeout=10.0):
    """Wait until something accepts connections on 127.0.0.1:port."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return
        time.sleep(0.05)
    raise TimeoutError(f"Nothing answers on port {port}.")


class LoopThread:
    """An asyncio loop in a daemon thread, for components served while the harness does other things."""

    def __init__(self):
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()

    def call(self, coroutine, timeout=10.0):
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    def close(self):
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)


class Listener:
    """A server on a fixed port that can be taken down (connections dropped, none accepted) and brought back."""

    def __init__(self, port=None):
        self.port = port or spare_port()
        self.loop_thread = LoopThread()
        self.server = None
        self.connections = set()
        self.up()

    async def handle(self, reader, writer):
        raise NotImplementedError

    async def _serve(self, reader, writer):
        self.connections.add(writer)
        try:
            await self.handle(reader, writer)
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            self.connections.discard(writer)
            writer.close()

    async def _start(self):
        self.server = await asyncio.start_server(self._serve, "127.0.0.1", self.port, reuse_address=True)

    async def _stop(self):
        self.server.close()
        for writer in list(self.connections):
            transport = writer.transport
            transport.abort()  # a reset, as when the far end dies
        self.connections.clear()
        await self.server.wait_closed()
        self.server = None

    @property
    def is_up(self):
        return self.server is not None

    def up(self):
        if not self.is_up:
            self.loop_thread.call(self._start())

    def down(self):
        if self.is_up:
            self.loop_thread.call(self._stop())

    def close(self):
        self.down()
        self.loop_thread.close()


class FaultProxy(Listener):
    """Forwards 127.0.0.1:port to target_host:target_port, byte for byte, while up."""

    def __init__(self, target_host, target_port, port=None):
        self.target = (target_host, target_port)
        super().__init__(port)

    async def handle(self, reader, writer):
        upstream_reader, upstream_writer = await asyncio.open_connection(*self.target)
        self.connections.add(upstream_writer)
        try:
            await asyncio.gather(pipe(reader, upstream_writer), pipe(upstream_reader, writer))
        finally:
            self.connections.discard(upstream_writer)
            upstream_writer.close()


async def pipe(reader, writer):
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    finally:
        with contextlib.suppress(OSError, RuntimeError):
            writer.write_eof()


FAKE_SEARCH_BODY = b'{"error":{"type":"stand_in","reason":"the load harness has no Elasticsearch"},"status":503}'
FAKE_SEARCH_ANSWER = (
    b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nX-Elastic-Product: Elasticsearch\r\n"
    + f"Content-Length: {len(FAKE_SEARCH_BODY)}\r\n\r\n".encode()
    + FAKE_SEARCH_BODY
)


class FakeSearch(Listener):
    """Elasticsearch's address, answering every request with a 503 error; `hang()` makes it accept connections
    and never answer (a hung cluster), `down()` refuses them."""

    hanging = False

    async def handle(self, reader, writer):
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            length = 0
            for line in head.decode("latin-1").split("\r\n"):
                name, _, value = line.partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value.strip())
            if length:
                await reader.readexactly(length)
            if self.hanging:
                await asyncio.sleep(3600)
            writer.write(FAKE_SEARCH_ANSWER)
            await writer.drain()


class RedisServer:
    """redis-server on a spare port, without persistence: `down()` stops it, `up()` starts it again, empty."""

    def __init__(self, port=None, log_path=None):
        self.port = port or spare_port()
        self.log_path = log_path
        self.process = None
        self.executable = shutil.which("redis-server")
        if self.executable is None:
            raise RuntimeError("redis-server is not installed.")
        self.up()

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    @property
    def is_up(self):
        return self.process is not None and self.process.poll() is None

    def up(self):
        if self.is_up:
            return
        command = [self.executable, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly"]
        command += ["no", "--logfile", str(self.log_path or ""), "--daemonize", "no"]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for_port(self.port)

    def down(self):
        if self.is_up:
            self.process.kill()  # as a crash: no goodbye to the clients
            self.process.wait(10)

    def close(self):
        self.down()
