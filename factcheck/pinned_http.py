"""HTTP connections pinned to addresses already checked, all under one deadline.

The caller resolves and checks the host; a connection made here opens its socket to one of
those addresses and never looks a name up itself, while the Host header, SNI and the
certificate check keep the host's name. Every socket operation, from connect to the last read,
gets only the time left before the deadline, so a site answering byte by byte cannot stretch
it.
"""
import io
import socket
import time

from urllib3.connection import HTTPConnection, HTTPSConnection


class Deadline:
    """The moment a whole exchange (every hop, every read) must be over."""

    def __init__(self, seconds: float):
        self._end = time.monotonic() + seconds

    def left(self) -> float:
        """Seconds left; TimeoutError once there are none."""
        left = self._end - time.monotonic()
        if left <= 0:
            raise TimeoutError("the fetch took longer than allowed")
        return left


def _open_socket(addresses: list, deadline: Deadline) -> socket.socket:
    """A TCP connection to the first of the checked addresses that takes it."""
    error: OSError = ConnectionRefusedError("no address")
    for family, sockaddr in addresses:
        sock = socket.socket(family, socket.SOCK_STREAM)
        try:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            sock.settimeout(deadline.left())
            sock.connect(sockaddr)
            sock.settimeout(deadline.left())  # what TLS will have for its handshake
            return sock
        except TimeoutError:
            sock.close()
            raise
        except OSError as exc:
            sock.close()
            error = exc
    raise error


class _DeadlineSocket:
    """A connected socket whose every read and write gets only the time left."""

    def __init__(self, sock, deadline: Deadline):
        self._sock, self._deadline = sock, deadline
        self._files, self._closing = 0, False

    def __getattr__(self, name):
        return getattr(self._sock, name)

    def _timed(self):
        self._sock.settimeout(self._deadline.left())
        return self._sock

    def settimeout(self, _seconds) -> None:
        """Ignored: the deadline sets each operation's timeout."""

    def recv(self, *args):
        """As socket.recv, within the deadline."""
        return self._timed().recv(*args)

    def recv_into(self, *args):
        """As socket.recv_into, within the deadline."""
        return self._timed().recv_into(*args)

    def send(self, *args):
        """As socket.send, within the deadline."""
        return self._timed().send(*args)

    def sendall(self, *args):
        """As socket.sendall, within the deadline."""
        return self._timed().sendall(*args)

    def makefile(self, mode: str = "rb", *_args, **_kwargs):
        """A buffered reader whose reads go through this socket (http.client reads so)."""
        if mode != "rb":
            raise ValueError("only 'rb' is supported")
        self._files += 1
        return io.BufferedReader(socket.SocketIO(self, "rb"))

    def _decref_socketios(self) -> None:
        # http.client hands the socket to the response and closes its own end: as with
        # socket.socket, the real close waits until the last reader is closed too.
        self._files -= 1
        if self._closing and not self._files:
            self._sock.close()

    def close(self) -> None:
        """Close now, or once the readers made by makefile are closed."""
        self._closing = True
        if not self._files:
            self._sock.close()


class _PinnedConnection:
    """Opens its socket to the checked addresses given, never by looking a name up."""

    def __init__(self, addresses: list, deadline: Deadline, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._addresses, self._deadline = addresses, deadline

    def _new_conn(self) -> socket.socket:
        return _open_socket(self._addresses, self._deadline)

    def connect(self) -> None:
        super().connect()
        self.sock = _DeadlineSocket(self.sock, self._deadline)


class _PinnedHTTP(_PinnedConnection, HTTPConnection):
    """Plain HTTP to a checked address."""


class _PinnedHTTPS(_PinnedConnection, HTTPSConnection):
    """HTTPS to a checked address; SNI and the certificate check use the host's name."""


def pinned_connection(scheme: str, host: str, port: int, addresses: list,
                      deadline: Deadline) -> HTTPConnection:
    """An unopened connection for ``host`` that will go to one of ``addresses`` only."""
    ip = addresses[0][1][0]  # names the connection in errors; _open_socket picks the address
    if scheme == "http":
        return _PinnedHTTP(addresses, deadline, ip, port)
    name = host.rstrip(".")
    return _PinnedHTTPS(addresses, deadline, ip, port, cert_reqs="CERT_REQUIRED",
                        server_hostname=name, assert_hostname=name)
