"""The practice admin's lists are cut into pages by the database: a big practice costs the same."""

import pytest
from django.db import connection
from django.test import Client as HttpClient
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role, User
from clients import practice_views
from clients.models import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_http(world):
    http = HttpClient()
    http.force_login(world.admin)
    http.get(reverse("practice_people"))  # the first page after login writes the session
    return http


def _add_clients(world, n: int, start: int = 0) -> None:
    users = User.objects.bulk_create(
        User(email=f"bulk{i}@example.test", name=f"Bulk {i:05d}", practice=world.practice, role=Role.CLIENT)
        for i in range(start, start + n)
    )
    Client.objects.bulk_create(
        Client(practice=world.practice, user=u, display_name=u.name, therapist=world.therapist_a) for u in users
    )


def _get(http, url, **query):
    with CaptureQueriesContext(connection) as ctx:
        response = http.get(url, query)
    assert response.status_code == 200
    return response, [q["sql"] for q in ctx.captured_queries]


@pytest.mark.parametrize("url_name", ["practice_people", "practice_clients"])
def test_admin_list_runs_the_same_queries_and_rows_at_ten_times_the_clients(world, admin_http, url_name):
    _add_clients(world, 15)
    small, small_sql = _get(admin_http, reverse(url_name))
    _add_clients(world, 150, start=15)
    big, big_sql = _get(admin_http, reverse(url_name))
    assert len(big_sql) == len(small_sql)
    # Every read of client rows is counted or cut to one page in the database.
    for sql in big_sql:
        if 'FROM "clients_client"' in sql and "COUNT(" not in sql:
            assert "LIMIT" in sql, sql
    shown = big.content.decode().count("Bulk 0")
    limit = practice_views.PEOPLE_CLIENTS_SHOWN if url_name == "practice_people" else practice_views.PAGE_SIZE
    assert 0 < shown <= limit


def test_client_list_pages_keep_the_search_and_reach_every_client(world, admin_http):
    _add_clients(world, 120)
    url = reverse("practice_clients")
    seen, query = set(), {"q": "bulk"}
    for _ in range(5):
        response = admin_http.get(url, query)
        seen |= {c.display_name for c in response.context["clients"]}
        page = response.context["page"]
        if not page.next_url:
            break
        assert "q=bulk" in page.next_url
        query = dict(part.split("=") for part in page.next_url[1:].split("&"))
    assert len(seen) == 120 and all(name.startswith("Bulk") for name in seen)
    assert "Page 3 of 3" in response.content.decode()


def test_people_page_links_to_the_full_client_list_when_it_shows_only_the_first(world, admin_http):
    _add_clients(world, 30)
    content = admin_http.get(reverse("practice_people")).content.decode()
    assert "The first 10 of 32 clients." in content
    assert f'href="{reverse("practice_clients")}"' in content


def test_a_page_number_out_of_range_or_garbage_shows_a_page_not_an_error(world, admin_http):
    _add_clients(world, 60)
    for page in ("999", "abc", "-1"):
        response = admin_http.get(reverse("practice_clients"), {"page": page})
        assert response.status_code == 200
        assert len(response.context["clients"]) > 0


def test_a_late_client_list_page_joins_only_its_own_rows(world, admin_http):
    # A page far into a big practice cuts out its clients' ids in name order first (the name
    # index answers that alone) and reads names, logins and therapists for those rows only:
    # joining and sorting the whole practice to skip to page 199 took 60 ms at 10,000 clients.
    _add_clients(world, 120)
    response, sql = _get(admin_http, reverse("practice_clients"), page="3")
    rows = [s for s in sql if s.startswith('SELECT "clients_client"."id"') and "accounts_user" in s]
    assert len(rows) == 1, sql
    outer, _, inner = rows[0].partition(" IN (SELECT ")
    assert "OFFSET 100" in inner and "JOIN" not in inner
    assert "LIMIT" not in outer.split(" WHERE ")[-1]
    names = [c.display_name for c in response.context["clients"]]
    everyone = list(Client.objects.filter(practice=world.practice).order_by("display_name", "pk"))
    assert names == [c.display_name for c in everyone[100:150]]
    assert [c.user.email for c in response.context["clients"]] == [c.user.email for c in everyone[100:150]]


@pytest.mark.parametrize("query", [{}, {"therapist": ""}, {"therapist": "THERAPIST"}, {"q": "x", "status": "paused"}])
def test_the_therapist_filter_options_are_written_as_the_template_loop_wrote_them(world, query):
    # Two hundred therapists through the template engine were most of the client list's CPU;
    # the form writes the options itself, the same markup, names escaped.
    from django.template import Context, Template

    from clients.forms import PracticeClientFilterForm
    from clients.selectors import therapist_choices

    world.therapist_other.name = 'O\'Neil & <Sons> "Q"'
    world.therapist_other.save(update_fields=["name"])
    data = {k: str(world.therapist_a.pk) if v == "THERAPIST" else v for k, v in query.items()}
    form = PracticeClientFilterForm(data or None, therapists=therapist_choices(world.admin))
    form.is_valid()
    loop = Template(
        '{% for value, label in form.fields.therapist.choices %}<option value="{{ value }}"'
        "{% if form.therapist.value == value %} selected{% endif %}>{{ label }}</option>{% endfor %}"
    ).render(Context({"form": form}))
    assert form.therapist_options() == loop


OLD_ROWS_LOOP = (
    "{% load i18n %}"
    '{% translate "Therapist" as l_therapist %}{% translate "Status" as l_status %}{% translate "Since" as l_since %}'
    "{% for client in clients %}"
    "<tr><td><a href=\"{% url 'practice_client_edit' client.pk %}\">{{ client.display_name }}</a>"
    '{% if not client.user.is_active %} <span class="badge text-bg-secondary">{% translate "Deactivated" %}</span>'
    "{% endif %}</td>\n"
    '        <td data-label="{{ l_therapist }}">{{ client.therapist|default:"—" }}</td>'
    '<td data-label="{{ l_status }}">{{ client.get_status_display }}</td>'
    '<td data-label="{{ l_since }}">{{ client.start_date|date:"SHORT_DATE_FORMAT" }}</td></tr>\n'
    "{% endfor %}"
)


@pytest.mark.parametrize("language", ["en", "nl"])
def test_client_list_rows_are_written_as_the_template_loop_wrote_them(world, language):
    from django.template import Context, Template
    from django.utils import translation

    from clients.models import ClientStatus
    from clients.practice_rows import client_rows_html
    from tests.factories import make_client

    odd = make_client(world.practice, None, name='<b>Ann & "Bo"</b> O\'Hara', status=ClientStatus.PAUSED)
    odd.user.is_active = False
    odd.user.save(update_fields=["is_active"])
    world.therapist_a.name = "Dr <Tess> & Co"
    world.therapist_a.save(update_fields=["name"])
    _add_clients(world, 3)
    clients = list(Client.objects.select_related("user", "therapist").order_by("display_name", "pk"))
    assert len(clients) >= 5 and any(c.therapist is None for c in clients)
    with translation.override(language):
        loop = Template(OLD_ROWS_LOOP).render(Context({"clients": clients}))
        assert client_rows_html(clients) == loop
    assert "&lt;b&gt;Ann &amp; &quot;Bo&quot;&lt;/b&gt; O&#x27;Hara" in loop and "Dr &lt;Tess&gt; &amp; Co" in loop
    assert ("Gedeactiveerd" if language == "nl" else "Deactivated") in loop and ">—</td>" in loop


PEOPLE_LOOPS = {  # the People page's row loops as the template had them
    "therapists": (
        '{% load i18n %}{% translate "Clients" as l_clients %}'
        "{% for t in therapists %}\n      <tr><td>"
        '{{ t.name|default:t.email }}{% if not t.is_active %} <span class="badge text-bg-secondary d-md-'
        'none">'
        '{% translate "Deactivated" %}</span>{% endif %}<div class="small text-muted d-md-none">'
        '{{ t.email }}</div></td><td class="d-none d-md-table-cell">{{ t.email }}</td>'
        '<td data-label="{{ l_clients }}">{{ t.open_clients }}</td>'
        '\n        <td class="d-none d-md-table-cell">'
        '{% if t.is_active %}<span class="badge text-bg-success">{% translate "Active" %}</span>'
        '{% else %}<span class="badge text-bg-secondary">{% translate "Deactivated" %}</span>'
        "{% endif %}</td>\n        <td>"
        '{% if t.is_active %}<a class="btn btn-sm btn-outline-danger" href="{% url \'practice_person_deac'
        "tivate' t.pk %}\">"
        '{% translate "Deactivate" context "account" %}</a>'
        '{% else %}<a class="btn btn-sm btn-outline-success" href="{% url \'practice_person_reactivate\' t'
        '.pk %}">'
        '{% translate "Reactivate" %}</a>{% endif %}</td></tr>\n    {% endfor %}'
    ),
    "clients": (
        '{% load i18n %}{% translate "Status" as l_status %}'
        "{% for c in clients %}\n      <tr><td><a href=\"{% url 'practice_client_edit' c.pk %}\">"
        "{{ c.display_name }}</a>"
        '{% if not c.user.is_active %} <span class="badge text-bg-secondary d-md-none">'
        '{% translate "Deactivated" %}</span>{% endif %}<div class="small text-muted d-md-none">'
        '{{ c.therapist|default:"—" }}</div></td><td class="d-none d-md-table-cell">'
        '{{ c.therapist|default:"—" }}</td><td data-label="{{ l_status }}">'
        '{{ c.get_status_display }}</td>\n        <td class="d-none d-md-table-cell">'
        '{% if c.user.is_active %}<span class="badge text-bg-success">'
        '{% translate "Active" %}</span>{% else %}<span class="badge text-bg-secondary">'
        '{% translate "Deactivated" %}</span>{% endif %}</td>\n        <td>'
        '{% if c.user.is_active %}<a class="btn btn-sm btn-outline-danger" href="{% url \'practice_person'
        "_deactivate' c.user_id %}\">"
        '{% translate "Deactivate" context "account" %}</a>'
        '{% else %}<a class="btn btn-sm btn-outline-success" href="{% url \'practice_person_reactivate\' c'
        '.user_id %}">'
        '{% translate "Reactivate" %}</a>{% endif %}</td></tr>\n    {% endfor %}'
    ),
}


@pytest.mark.parametrize("language", ["en", "nl"])
def test_people_rows_are_written_as_the_template_loops_wrote_them(world, language):
    from django.template import Context, Template
    from django.utils import translation

    from clients.models import ClientStatus
    from clients.practice_rows import people_client_rows_html, therapist_rows_html
    from clients.selectors import practice_therapists
    from tests.factories import make_client

    odd = make_client(world.practice, None, name='<i>Ann & "Bo"</i>', status=ClientStatus.DISCHARGED)
    odd.user.is_active = False
    odd.user.save(update_fields=["is_active"])
    world.therapist_other.is_active = False
    world.therapist_other.name = ""
    world.therapist_other.save(update_fields=["is_active", "name"])
    world.therapist_a.name = "Dr <Tess> & Co"
    world.therapist_a.save(update_fields=["name"])
    therapists = list(practice_therapists(world.admin))
    clients = list(Client.objects.select_related("user", "therapist").order_by("display_name", "pk"))
    assert any(not t.is_active for t in therapists) and any(not c.user.is_active for c in clients)
    with translation.override(language):
        old = Template(PEOPLE_LOOPS["therapists"]).render(Context({"therapists": therapists}))
        assert therapist_rows_html(therapists) == old
        old = Template(PEOPLE_LOOPS["clients"]).render(Context({"clients": clients}))
        assert people_client_rows_html(clients) == old
    assert "&lt;i&gt;Ann &amp; &quot;Bo&quot;&lt;/i&gt;" in old and "Dr &lt;Tess&gt; &amp; Co" in str(
        therapist_rows_html(therapists)
    )
