import httpx
import pytest

from tests.conftest import signup

pytestmark = pytest.mark.usefixtures("app")


async def test_register_login_me(client: httpx.AsyncClient) -> None:
    r = await client.post(
        "/api/v1/auth/register",
        json={"email": "Kofi@Example.com", "password": "longenough", "name": "Kofi"},
    )
    assert r.status_code == 201
    assert r.json() == {
        "id": r.json()["id"],
        "email": "kofi@example.com",
        "name": "Kofi",
        "preferred_language": "fr",
    }
    r = await client.post(
        "/api/v1/auth/login", json={"email": "kofi@example.com", "password": "longenough"}
    )
    assert r.status_code == 200
    token = r.json()
    assert token["token_type"] == "bearer"
    assert token["expires_in"] == 3600
    r = await client.get(
        "/api/v1/auth/me", headers={"Authorization": f"Bearer {token['access_token']}"}
    )
    assert r.status_code == 200
    assert r.json()["email"] == "kofi@example.com"


async def test_the_language_left_out_follows_accept_language(client: httpx.AsyncClient) -> None:
    account = {"password": "longenough", "name": "Wanjiru"}
    for email, header, expected in (
        ("ke@example.com", "en-KE,en;q=0.9,sw;q=0.8", "en"),
        ("sn@example.com", "wo-SN, fr-SN;q=0.8", "fr"),
        ("sw@example.com", "sw", "fr"),  # neither language asked for: French
    ):
        r = await client.post(
            "/api/v1/auth/register",
            json={**account, "email": email},
            headers={"Accept-Language": header},
        )
        assert r.status_code == 201
        assert r.json()["preferred_language"] == expected
    r = await client.post(
        "/api/v1/auth/register",
        json={**account, "email": "fr@example.com", "language": "fr"},
        headers={"Accept-Language": "en"},
    )
    assert r.json()["preferred_language"] == "fr"  # a language given wins


async def test_oauth2_form_token(client: httpx.AsyncClient) -> None:
    await signup(client, "form@example.com")
    r = await client.post(
        "/api/v1/auth/token", data={"username": "form@example.com", "password": "s3cret-pass"}
    )
    assert r.status_code == 200
    assert r.json()["access_token"]


async def test_duplicate_email_is_409(client: httpx.AsyncClient) -> None:
    await signup(client, "dup@example.com")
    r = await client.post(
        "/api/v1/auth/register",
        json={"email": "DUP@example.com", "password": "another-pass", "name": "X"},
    )
    assert r.status_code == 409
    assert r.json()["error"] == "EmailTakenError"


@pytest.mark.parametrize(
    "payload",
    [
        {"email": "not-an-email", "password": "longenough", "name": "A"},
        {"email": "a@example.com", "password": "short", "name": "A"},
        {"email": "a@example.com", "password": "longenough", "name": ""},
        {"email": "a@example.com", "password": "longenough"},
    ],
)
async def test_bad_registration_is_422(client: httpx.AsyncClient, payload: dict[str, str]) -> None:
    r = await client.post("/api/v1/auth/register", json=payload)
    assert r.status_code == 422
    assert r.json()["error"] == "ValidationError"
    assert r.json()["detail"]


async def test_wrong_password_is_401(client: httpx.AsyncClient) -> None:
    await signup(client, "w@example.com")
    r = await client.post(
        "/api/v1/auth/login", json={"email": "w@example.com", "password": "wrong-pass"}
    )
    assert r.status_code == 401
    assert r.json() == {"error": "InvalidCredentialsError", "detail": "Wrong email or password."}
    r = await client.post(
        "/api/v1/auth/login", json={"email": "nobody@example.com", "password": "wrong-pass"}
    )
    assert r.status_code == 401


async def test_failed_logins_are_throttled(client: httpx.AsyncClient) -> None:
    await signup(client, "t@example.com")
    for _ in range(5):
        r = await client.post(
            "/api/v1/auth/login", json={"email": "t@example.com", "password": "wrong-pass"}
        )
        assert r.status_code == 401
    r = await client.post(
        "/api/v1/auth/login", json={"email": "t@example.com", "password": "s3cret-pass"}
    )
    assert r.status_code == 429
    assert int(r.headers["Retry-After"]) > 0
    assert r.json()["error"] == "TooManyAttemptsError"


async def test_token_required_and_checked(client: httpx.AsyncClient) -> None:
    r = await client.get("/api/v1/auth/me")
    assert r.status_code == 401
    assert r.json()["error"] == "NotAuthenticatedError"
    r = await client.get("/api/v1/auth/me", headers={"Authorization": "Bearer nonsense"})
    assert r.status_code == 401
    assert r.json()["error"] == "InvalidCredentialsError"


async def test_update_language(client: httpx.AsyncClient, auth: dict[str, str]) -> None:
    r = await client.patch("/api/v1/auth/me", json={"language": "en"}, headers=auth)
    assert r.status_code == 200
    assert r.json()["preferred_language"] == "en"
    r = await client.patch("/api/v1/auth/me", json={"language": "de"}, headers=auth)
    assert r.status_code == 422


async def test_health(client: httpx.AsyncClient) -> None:
    assert (await client.get("/healthz")).json() == {"status": "ok"}
    r = await client.get("/readyz")
    assert r.status_code == 200
    assert r.json()["database"] == "ok"


WEAK_PASSWORDS = (
    ("12345678", "simple sequence"),
    ("password", "most common"),
    ("        ", "only spaces"),
    ("awa@example.com", "email address"),
    ("awa2025!", "email address"),
    ("aaaaaaaaaa", "repeats"),
)


async def test_a_weak_password_is_422_with_the_reason(client: httpx.AsyncClient) -> None:
    for password, words in WEAK_PASSWORDS:
        r = await client.post(
            "/api/v1/auth/register",
            json={"email": "awa@example.com", "password": password, "name": "Awa"},
        )
        assert r.status_code == 422, password
        assert r.json()["error"] == "WeakPasswordError"
        assert words in r.json()["detail"], password


async def test_a_nul_in_the_form_login_is_a_wrong_login_not_a_crash(
    client: httpx.AsyncClient,
) -> None:
    # Found by the fuzzing run: PostgreSQL refuses a NUL in a query parameter.
    r = await client.post(
        "/api/v1/auth/token", data={"username": "~\x00\x91@example.com", "password": "x\x00y"}
    )
    assert r.status_code == 401
    assert r.json()["error"] == "InvalidCredentialsError"
