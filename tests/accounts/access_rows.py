from tests.access.matrix import OK, Row, everyone, role_page

ROWS = {
    "accounts:settings": Row(expect=everyone(OK)),
    "accounts:people": Row(expect=role_page("admin")),
}
