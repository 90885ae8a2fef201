"""Access-matrix rows for the installable app: the same for everyone and naming no one."""

from tests.access.matrix import OK, Row, expect

_PUBLIC = expect(default=OK, anon=OK)

ROWS = {
    "pwa:service_worker": Row(expect=_PUBLIC, notes="must load before and after login"),
    "pwa:manifest": Row(expect=_PUBLIC, notes="browsers fetch it without cookies"),
    "pwa:offline": Row(kwargs=lambda w: {"lang": "nl"}, expect=_PUBLIC, notes="cached by the worker; no one's data"),
    "pwa:offline_full": Row(kwargs=lambda w: {"lang": "en"}, expect=_PUBLIC),
}
