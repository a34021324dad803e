"""Fetching an article by URL: time-limited, size-capped, HTML or text only, public hosts."""
import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import urllib3
from flask_babel import lazy_gettext as _l

ACCEPTED_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
USER_AGENT = "factcheck/0.1 (+newsroom fact-checking tool)"
MAX_REDIRECTS = 5
REDIRECT_CODES = (301, 302, 303, 307, 308)


class FetchError(ValueError):
    """The page could not be fetched; the message says why, in the reader's language."""


@dataclass
class FetchedPage:
    """What the server sent back."""

    url: str
    content_type: str
    body: bytes


def fetch(url: str, timeout: float = 10.0, max_bytes: int = 5 * 1024 * 1024,
          allow_private: bool = False) -> FetchedPage:
    """GET ``url``, following up to 5 redirects; raises FetchError with a clear reason."""
    http = urllib3.PoolManager(headers={"User-Agent": USER_AGENT},
                               timeout=urllib3.Timeout(connect=timeout, read=timeout))
    for _ in range(MAX_REDIRECTS + 1):
        _check_address(url, allow_private)  # again after each redirect
        response = _get(http, url)
        location = response.headers.get("Location")
        if response.status in REDIRECT_CODES and location:
            response.release_conn()
            url = urljoin(url, location)
            continue
        try:
            return _read(response, url, max_bytes)
        finally:
            response.release_conn()
    raise FetchError(_l("The site redirected too many times."))


def _get(http: urllib3.PoolManager, url: str):
    try:
        return http.request("GET", url, preload_content=False, redirect=False, retries=False)
    except urllib3.exceptions.MaxRetryError as exc:
        raise FetchError(_why(exc.reason)) from None
    except urllib3.exceptions.HTTPError as exc:
        raise FetchError(_why(exc)) from None


def _check_address(url: str, allow_private: bool) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(_l("Give an http:// or https:// address."))
    if not allow_private:
        _refuse_private_host(parts.hostname)


def _read(response, url: str, max_bytes: int) -> FetchedPage:
    if response.status >= 400:
        raise FetchError(_l("The site answered with error %(code)d.", code=response.status))
    content_type = (response.headers.get("Content-Type") or "").split(";")[0].strip().lower()
    if content_type not in ACCEPTED_TYPES:
        raise FetchError(_l("This address is not a web page or text (%(type)s).",
                            type=content_type or "?"))
    declared = response.headers.get("Content-Length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(_too_large(max_bytes))
    body = b""
    for chunk in response.stream(64 * 1024):
        body += chunk
        if len(body) > max_bytes:
            raise FetchError(_too_large(max_bytes))
    return FetchedPage(url=url, content_type=content_type, body=body)


def _too_large(max_bytes: int):
    return _l("The page is larger than %(mib)d MiB.", mib=max_bytes // (1024 * 1024))


def _why(reason) -> str:
    """A reader-facing reason for a network failure."""
    # NewConnectionError subclasses the timeout error in urllib3 2: test it first.
    if isinstance(reason, urllib3.exceptions.NameResolutionError):
        return _l("This site cannot be found (no network, or a wrong address).")
    if isinstance(reason, urllib3.exceptions.NewConnectionError):
        return _l("The site refused the connection, or the network is unreachable.")
    if isinstance(reason, urllib3.exceptions.TimeoutError):
        return _l("The site did not answer in time.")
    return _l("The page could not be fetched.")


def _refuse_private_host(host: str) -> None:
    """Stop the server from being used to reach internal addresses."""
    try:
        infos = socket.getaddrinfo(host, None)
    except (socket.gaierror, UnicodeError):
        raise FetchError(_l("This site cannot be found (no network, or a wrong address)."))\
            from None
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global:
            raise FetchError(_l("This address points to a private network."))
