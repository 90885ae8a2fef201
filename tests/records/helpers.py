import io
import json
import zipfile

from django.test import Client as HttpClient
from django.urls import reverse


def logged_in(user) -> HttpClient:
    http = HttpClient()
    http.force_login(user)
    return http


def download(user, client=None) -> zipfile.ZipFile:
    http = logged_in(user)
    if client is None:
        response = http.post(reverse("records:my_data"))
    else:
        response = http.post(reverse("records:client_export", kwargs={"pk": client.pk}))
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/zip"
    return zipfile.ZipFile(io.BytesIO(response.content))


def all_text(archive: zipfile.ZipFile) -> str:
    return "\n".join(archive.read(name).decode("utf-8") for name in archive.namelist())


def read_json(archive: zipfile.ZipFile, name: str):
    return json.loads(archive.read(name))
