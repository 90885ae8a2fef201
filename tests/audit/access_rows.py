from tests.access.matrix import OK, REDIRECT, Row, everyone

ROWS = {
    # Every logged-in user may see and end their own sessions; nobody else's exist on the page.
    "audit:sessions": Row(method="post", expect=everyone(REDIRECT), notes="ends the poster's own sessions only"),
    "audit:sessions:get": Row(expect=everyone(OK)),
}
