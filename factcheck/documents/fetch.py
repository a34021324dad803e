"""Fetching an article by URL: public hosts only, one deadline, size-capped, HTML or text.

The address is parsed once, strictly, and the connection is built from those parts; the host
is resolved once, every address it has must be public (unless private ones are allowed), and
the socket goes to one of those checked addresses, the name being kept for the Host header,
SNI and the certificate check. Each redirect takes the same path. Every socket operation of
the whole fetch (lookup, connect, TLS, request, every read) gets only the time left.
"""
import ipaddress
import re
import socket
import ssl
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from http.client import HTTPException
from typing import Optional
from urllib.parse import quote, urljoin

import urllib3
from flask_babel import lazy_gettext as _l
from urllib3.util.ssl_match_hostname import CertificateError

from ..pinned_http import Deadline, pinned_connection

ACCEPTED_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
USER_AGENT = "factcheck/0.1 (+newsroom fact-checking tool)"
MAX_REDIRECTS = 5
REDIRECT_CODES = (301, 302, 303, 307, 308)
DEFAULT_PORTS = {"http": 80, "https": 443}
CHUNK_BYTES = 64 * 1024

_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_AUTHORITY = re.compile(r"(?:\[(?P<ipv6>[0-9A-Fa-f:.]+)\]|(?P<name>[^:\[\]]+))"
                        r"(?::(?P<port>[0-9]{0,5}))?")
_HOST_NAME = re.compile(r"[a-z0-9_.-]+")  # after IDNA encoding
_CONTROL = re.compile(r"[\x00-\x1f\x7f\\]")
_PATH_SAFE = "".join(chr(code) for code in range(0x21, 0x7f))  # printable ASCII kept as given
_NAT64 = ipaddress.ip_network("64:ff9b::/96")

NOT_HTTP = _l("Give an http:// or https:// address.")
USERINFO = _l("Addresses with a user name or password before the site (user@site) "
              "are not accepted.")
BAD_CHARACTERS = _l("This address contains a backslash or a control character.")
INVALID = _l("This address is not a valid web address.")
PRIVATE = _l("This address points to a private network.")
NOT_FOUND = _l("This site cannot be found (no network, or a wrong address).")
REFUSED = _l("The site refused the connection, or the network is unreachable.")
TIMEOUT = _l("The site did not answer in time.")
INSECURE = _l("The site's secure connection could not be verified.")
FAILED = _l("The page could not be fetched.")
TOO_MANY = _l("The site redirected too many times.")


class FetchError(ValueError):
    """The page could not be fetched; the message says why, in the reader's language."""


class _Refused(FetchError):
    """The address itself is refused, before any connection."""


@dataclass
class FetchedPage:
    """What the server sent back."""

    url: str
    content_type: str
    body: bytes


@dataclass(frozen=True)
class _Target:
    """One parsed address: the check and the connection both use these parts."""

    scheme: str
    host: str  # lower-case ASCII (IDNA) name, or an IP address without brackets
    port: int
    path: str  # path and query, as sent on the request line

    @property
    def authority(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return host if self.port == DEFAULT_PORTS[self.scheme] else f"{host}:{self.port}"

    @property
    def url(self) -> str:
        return f"{self.scheme}://{self.authority}{self.path}"


def fetch(url: str, timeout: float = 10.0, max_bytes: int = 5 * 1024 * 1024,
          allow_private: bool = False) -> FetchedPage:
    """GET ``url`` within ``timeout`` seconds in all, following up to 5 redirects."""
    deadline = Deadline(timeout)
    target, location = None, url
    with _network_errors():
        for hop in range(MAX_REDIRECTS + 1):
            try:
                target = _parse(location if target is None else _joined(target, location))
                addresses = _addresses(target, deadline, allow_private)
            except _Refused as exc:
                if hop:
                    raise FetchError(_l("The site redirected to an address that is refused: "
                                        "%(reason)s", reason=exc.args[0])) from None
                raise
            page, location = _get(target, addresses, deadline, max_bytes)
            if page is not None:
                return page
    raise FetchError(TOO_MANY)


def _parse(url: str) -> _Target:
    """A strict reading of an absolute http(s) address; anything ambiguous is refused."""
    url = _plain(url)
    scheme = _SCHEME.match(url)
    name = scheme.group()[:-1].lower() if scheme else ""
    if name not in DEFAULT_PORTS or url[scheme.end():scheme.end() + 2] != "//":
        raise _Refused(NOT_HTTP)
    rest = url[scheme.end() + 2:]
    authority = re.match(r"[^/?#]*", rest).group()
    if "@" in authority:
        raise _Refused(USERINFO)
    host, port = _host_and_port(authority, name)
    path = rest[len(authority):].split("#", 1)[0]
    if not path.startswith("/"):
        path = "/" + path
    return _Target(name, host, port, quote(path, safe=_PATH_SAFE))


def _plain(url: str) -> str:
    """The address without surrounding spaces; backslashes and control characters refused."""
    url = url.strip(" \t\r\n")
    if _CONTROL.search(url):
        raise _Refused(BAD_CHARACTERS)
    return url


def _host_and_port(authority: str, scheme: str) -> tuple[str, int]:
    match = _AUTHORITY.fullmatch(authority)
    if not match:
        raise _Refused(INVALID)
    port = int(match["port"]) if match["port"] else DEFAULT_PORTS[scheme]
    if not 0 < port < 65536:
        raise _Refused(INVALID)
    try:
        if match["ipv6"]:
            return str(ipaddress.IPv6Address(match["ipv6"])), port
        host = match["name"].encode("idna").decode("ascii").lower()
    except (ValueError, UnicodeError):
        raise _Refused(INVALID) from None
    if not _HOST_NAME.fullmatch(host):
        raise _Refused(INVALID)
    return host, port


def _joined(current: _Target, location: str) -> str:
    """A redirect's Location, made absolute against the page that sent it."""
    return urljoin(current.url, _plain(location))


def _addresses(target: _Target, deadline: Deadline, allow_private: bool) -> list:
    """Where the host is, asked once; every address must be public unless allowed."""
    found = _resolve(target, deadline)
    if not allow_private and not all(_is_public(ipaddress.ip_address(sockaddr[0]))
                                     for _family, sockaddr in found):
        raise _Refused(PRIVATE)
    return found


def _resolve(target: _Target, deadline: Deadline) -> list:
    """``(family, sockaddr)`` pairs for the host; the lookup gets only the time left."""
    answer = {}

    def ask():
        try:
            answer["infos"] = socket.getaddrinfo(target.host, target.port,
                                                 type=socket.SOCK_STREAM)
        except (OSError, UnicodeError):
            answer["infos"] = []

    # The system resolver has no timeout of its own to give: wait for it in a thread.
    worker = threading.Thread(target=ask, name="fetch-resolve", daemon=True)
    worker.start()
    worker.join(deadline.left())
    if worker.is_alive():
        raise TimeoutError("name lookup")
    if not answer["infos"]:
        raise FetchError(NOT_FOUND)
    return [(family, sockaddr) for family, _type, _proto, _name, sockaddr in answer["infos"]]


def _is_public(address) -> bool:
    """A global unicast address, also looking inside IPv6 forms that carry an IPv4 one."""
    if address.version == 6:
        inner = address.ipv4_mapped or address.sixtofour
        if inner is None and address in _NAT64:
            inner = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if inner is not None and not _is_public(inner):
            return False
    return address.is_global and not address.is_multicast


def _get(target: _Target, addresses: list, deadline: Deadline,
         max_bytes: int) -> tuple[Optional[FetchedPage], Optional[str]]:
    """One request: the page, or None and the Location the site sends us to."""
    connection = pinned_connection(target.scheme, target.host, target.port, addresses,
                                   deadline)
    response = None
    try:
        _connect(connection)
        connection.request("GET", target.path, preload_content=False,
                           headers={"Host": target.authority, "User-Agent": USER_AGENT})
        response = connection.getresponse()
        location = response.headers.get("Location")
        if response.status in REDIRECT_CODES and location:
            # The redirect's body is not wanted: closing drops it, and the next request
            # gets a connection of its own (never one with an unread response on it).
            return None, location
        return _read(response, target.url, max_bytes, deadline), None
    finally:
        if response is not None:
            response.close()
        connection.close()


def _connect(connection) -> None:
    try:
        connection.connect()
    except (TimeoutError, ssl.SSLError, CertificateError):
        raise
    except OSError:
        raise FetchError(REFUSED) from None


def _read(response, url: str, max_bytes: int, deadline: Deadline) -> FetchedPage:
    if response.status >= 400:
        raise FetchError(_l("The site answered with error %(code)d.", code=response.status))
    content_type = (response.headers.get("Content-Type") or "").split(";")[0].strip().lower()
    if content_type not in ACCEPTED_TYPES:
        raise FetchError(_l("This address is not a web page or text (%(type)s).",
                            type=content_type or "?"))
    declared = response.headers.get("Content-Length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(_too_large(max_bytes))
    body = bytearray()
    for chunk in response.stream(CHUNK_BYTES):
        body += chunk
        if len(body) > max_bytes:
            raise FetchError(_too_large(max_bytes))
        deadline.left()  # a page arriving slowly stops at the deadline, not at its end
    return FetchedPage(url=url, content_type=content_type, body=bytes(body))


def _too_large(max_bytes: int):
    return _l("The page is larger than %(mib)d MiB.", mib=max_bytes // (1024 * 1024))


@contextmanager
def _network_errors():
    """Network failures become a FetchError that says why, in the reader's words."""
    try:
        yield
    except (TimeoutError, urllib3.exceptions.TimeoutError):
        raise FetchError(TIMEOUT) from None
    except (ssl.SSLError, CertificateError, urllib3.exceptions.SSLError):
        raise FetchError(INSECURE) from None
    except (OSError, HTTPException, urllib3.exceptions.HTTPError):
        raise FetchError(FAILED) from None
