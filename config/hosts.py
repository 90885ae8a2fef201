"""Where the quick start is reachable: `make run HOST=…` passes runserver's address as RUN_HOST.

Links in emails (SITE_URL) and the accepted Host headers (ALLOWED_HOSTS) follow that address,
so `make run HOST=192.168.1.5:8000` sends links a phone on the same network can open. A
wildcard address (0.0.0.0, ::) is not one a browser can visit, so the links use this machine's
address on the local network instead.
"""

import socket

WILDCARDS = {"0.0.0.0", "0", "::", "[::]"}  # noqa: S104 - names of the wildcard, not a bind
LOCAL = ["127.0.0.1", "localhost"]


def lan_address() -> str:
    """This machine's address on the local network, or 127.0.0.1 without one.

    Connecting a UDP socket only picks the outgoing interface; no packet is sent.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.255.255.255", 1))
            return probe.getsockname()[0]
        except OSError:
            return "127.0.0.1"


def split_run_host(run_host: str) -> tuple[str, str]:
    """runserver's forms: "8000", "host:8000", "[::1]:8000" -> (host, port)."""
    run_host = run_host.strip()
    if run_host.isdigit():
        return "127.0.0.1", run_host
    host, sep, port = run_host.rpartition(":")
    if not sep or not port.isdigit() or (host.count(":") and not host.startswith("[")):
        return run_host, "8000"  # a bare host or IPv6 address: runserver's default port
    return host or "127.0.0.1", port


def served_at(run_host: str) -> tuple[str, list[str]]:
    """(origin for links, host names to accept) for runserver listening on `run_host`."""
    host, port = split_run_host(run_host)
    if host in WILDCARDS:
        lan = lan_address()
        return f"http://{lan}:{port}", list(dict.fromkeys([lan, socket.gethostname(), *LOCAL]))
    return f"http://{host}:{port}", [host.strip("[]")]
