"""Error pages in the user's language, JSON errors for API clients."""
from factcheck import create_app
from factcheck.models import Role


def test_404_page_is_html_and_french_by_default(client, login_as):
    login_as(Role.VIEWER)
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert "Cette page n&#39;existe pas." in response.get_data(as_text=True)


def test_404_in_english_when_asked(client, login_as):
    login_as(Role.VIEWER)
    response = client.get("/no/such/page?lang=en")
    assert "This page does not exist." in response.get_data(as_text=True)


def test_api_clients_get_json_errors(client):
    response = client.get("/api/nothing", headers={"Accept": "application/json"})
    assert response.status_code == 404 and response.json["error"] == "not_found"


def test_lang_on_a_sessionless_path_is_followed_not_remembered(client):
    response = client.get("/oembed?url=https://elsewhere.example/&lang=en")
    assert response.status_code == 404 and "Set-Cookie" not in response.headers


def test_browser_language_is_followed_when_no_choice_was_made(client):
    html = client.get("/login", headers={"Accept-Language": "en-GB,en;q=0.9"}).get_data(
        as_text=True)
    assert '<html lang="en">' in html


def test_server_errors_show_a_friendly_page_not_a_traceback():
    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "x"})

    @app.get("/boom")
    def boom():
        raise RuntimeError("secret detail")

    response = app.test_client().get("/boom")
    body = response.get_data(as_text=True)
    assert response.status_code == 500 and "secret detail" not in body
    assert "Une erreur s&#39;est produite" in body
