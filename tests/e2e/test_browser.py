"""The web app in a real browser: Debian's headless Chromium driven by Playwright,
against `genesis serve` in its own process on a temporary SQLite database.

Screenshots of every page land in $GENESIS_TEST_ARTIFACTS (default tests/artifacts/).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from genesis import migrate
from tests.answers import FULL_RUN_FR
from tests.servers import ApiServer

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
STEPS = ("vision", "mission", "clientele", "differentiation", "offre", "finances")
EMAIL = "awa.e2e@example.com"
PASSWORD = "s3cret-pass"
TIMEOUT_MS = 30_000

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="needs Debian's Chromium at /usr/bin/chromium (apt-get install -y chromium)",
)


@pytest.fixture(scope="module")
def artifacts() -> Path:
    default = Path(__file__).resolve().parents[1] / "artifacts"
    path = Path(os.environ.get("GENESIS_TEST_ARTIFACTS") or default) / "e2e"
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ApiServer]:
    workdir = tmp_path_factory.mktemp("e2e")
    url = f"sqlite+aiosqlite:///{workdir / 'genesis.db'}"
    migrate.upgrade(url)
    env = {
        "GENESIS_DATABASE_URL": url,
        "GENESIS_DATA_DIR": str(workdir),
        "GENESIS_SECRET_KEY": "e2e-secret-" + "x" * 40,
        "GENESIS_ENV": "development",
        "GENESIS_REDIS_URL": "",
        "GENESIS_JOBS": "inprocess",
        "GENESIS_LLM_BASE_URL": "",
        "GENESIS_SEARCH_URL": "",
        "GENESIS_LOG_LEVEL": "WARNING",
    }
    api = ApiServer(env, workdir)
    api.start()
    try:
        yield api
    finally:
        api.stop()
        print(api.log.read_text(errors="replace")[-3000:])


def test_register_coach_brief_download_and_resume(server: ApiServer, artifacts: Path) -> None:
    from playwright.sync_api import Page, expect, sync_playwright

    base = server.url
    shots = iter(range(1, 100))

    def shot(page: Page, name: str) -> None:
        page.screenshot(path=str(artifacts / f"{next(shots):02d}-{name}.png"), full_page=True)

    def send(page: Page, text: str, done: int) -> None:
        """Answer and wait for the coach's reply (the form comes back with a new count)."""
        seen = page.locator("#controls input[name=n]").first
        before = seen.input_value()
        page.get_by_label("Votre réponse").fill(text)
        page.get_by_role("button", name="Envoyer").click()
        expect(seen).to_have_value(str(int(before) + 2))
        expect(page.locator("#progress-label")).to_have_text(f"Étapes terminées : {done} sur 7")

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        # A small phone: 360 px wide, French.
        phone: dict[str, Any] = {
            "viewport": {"width": 360, "height": 780},
            "locale": "fr-FR",
            "accept_downloads": True,
        }
        context = browser.new_context(**phone)
        context.set_default_timeout(TIMEOUT_MS)
        page = context.new_page()
        transfers: list[dict[str, Any]] = []
        page.on(
            "requestfinished",
            lambda request: transfers.append({"url": request.url, **request.sizes()}),
        )

        # Landing, then sign-up.
        page.goto(base + "/")
        expect(page.locator("html")).to_have_attribute("lang", "fr")
        shot(page, "landing")
        page.get_by_role("link", name="Commencer gratuitement").click()
        page.get_by_label("Votre nom").fill("Awa Diop")
        page.get_by_label("E-mail").fill(EMAIL)
        page.get_by_label("Mot de passe").fill(PASSWORD)
        shot(page, "register")
        page.get_by_role("button", name="Créer mon compte").click()

        # Start: business, sector, country, city.
        expect(page).to_have_url(base + "/app/start")
        page.get_by_label("Nom de l'entreprise").fill("Chez Awa")
        page.get_by_label("Secteur").select_option("restaurant")
        page.get_by_label("Pays").select_option("SN")
        page.get_by_label("Ville").fill("Dakar")
        shot(page, "start")
        page.get_by_role("button", name="Commencer le coaching").click()
        expect(page).to_have_url(re.compile(r"/app/sessions/[0-9a-f-]{36}$"))
        session_url = page.url
        expect(page.locator("#progress-label")).to_have_text("Étapes terminées : 0 sur 7")
        # The page is no wider than the phone.
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        first_load = sum(
            t["requestHeadersSize"]
            + t["requestBodySize"]
            + t["responseHeadersSize"]
            + t["responseBodySize"]
            for t in transfers
            if t["url"].startswith(session_url) or "/static/" in t["url"]
        )
        shot(page, "coaching")

        # A vague answer first: a follow-up, and "move on" is offered.
        transfers.clear()
        send(page, "Poulet", 0)
        expect(page.locator("#conv .msg.you")).to_have_count(1)
        expect(page.get_by_role("button", name="Passer à l'étape suivante")).to_be_visible()
        answer_trip = sum(
            t["requestHeadersSize"]
            + t["requestBodySize"]
            + t["responseHeadersSize"]
            + t["responseBodySize"]
            for t in transfers
            if t["url"].endswith("/answer")
        )
        shot(page, "follow-up")

        # An example fills the answer box; help shows Socratic questions.
        page.locator("[data-fill]").first.click()
        assert page.get_by_label("Votre réponse").input_value()
        page.get_by_role("link", name="Aidez-moi à réfléchir").click()
        expect(page.locator("#assist h2")).to_have_text("Des questions pour vous aider")
        shot(page, "help")

        for done, step in enumerate(STEPS, start=1):
            send(page, FULL_RUN_FR[step], done)
        expect(page.get_by_role("button", name="Je confirme cette synthèse")).to_be_visible()
        shot(page, "synthesis")
        # Confirming starts the brief: live progress of the agents, then the brief itself.
        page.get_by_role("button", name="Je confirme cette synthèse").click()
        expect(page).to_have_url(session_url + "/brief")
        shot(page, "brief-progress")
        expect(page.get_by_role("heading", name="Téléchargements")).to_be_visible(timeout=60_000)
        expect(page.get_by_role("heading", name="Aperçu du marché")).to_be_visible()
        expect(page.locator(".brief-head img")).to_be_visible()
        # The preview frame's page, fetched with the page cookie as the frame does.
        frame_src = page.locator("iframe.preview").get_attribute("src")
        assert frame_src
        site = page.request.get(base + frame_src)
        assert site.ok
        assert site.headers["content-type"].startswith("text/html")
        shot(page, "brief")

        with page.expect_download() as download:
            page.get_by_role("link", name="Dossier en PDF").click()
        pdf = Path(download.value.path()).read_bytes()
        assert pdf.startswith(b"%PDF")

        # The website: contact details, publish, then open it as a visitor would.
        notice = page.locator("#website .notice")
        page.get_by_label("Numéro WhatsApp").fill("+221 77 123 45 67")
        page.get_by_label("Horaires d'ouverture").fill("Lun-Sam 8h-20h")
        page.get_by_role("button", name="Enregistrer les coordonnées").click()
        expect(notice).to_contain_text("Coordonnées enregistrées")
        page.get_by_role("button", name="Publier mon site").click()
        expect(notice).to_have_text("Votre site est en ligne.")
        expect(page.get_by_role("button", name="Copier l'adresse")).to_be_visible()
        public_url = page.get_by_label("Adresse de votre site").input_value()
        assert re.fullmatch(re.escape(base) + r"/s/chez-awa-[a-z2-9]{8}", public_url), public_url
        shot(page, "website-published")
        visitor = browser.new_context(**phone)  # no cookie: anyone
        public = visitor.new_page()
        refused: list[str] = []
        public.on("console", lambda m: refused.append(m.text) if m.type == "error" else None)
        public.goto(public_url)
        whatsapp = public.get_by_role("link", name="+221771234567")
        expect(whatsapp).to_have_attribute("href", "https://wa.me/221771234567")
        expect(public.get_by_text("Lun-Sam 8h-20h")).to_be_visible()
        # The inline style applies under the page's policy (allowed by its hash).
        assert public.locator("h2").first.evaluate("e => getComputedStyle(e).color") != (
            "rgb(0, 0, 0)"
        )
        assert refused == [], refused
        shot(public, "website-public")
        page.get_by_role("button", name="Retirer le site").click()
        expect(notice).to_contain_text("Votre site a été retiré")
        assert public.goto(public_url).status == 404  # type: ignore[union-attr]
        visitor.close()

        # A second session, left half-way, to resume on another device.
        page.get_by_role("link", name="Nouvelle session").click()
        page.get_by_label("Nom de l'entreprise").fill("Awa Couture")
        page.get_by_label("Secteur").select_option("fashion")
        page.get_by_role("button", name="Commencer le coaching").click()
        expect(page).to_have_url(re.compile(r"/app/sessions/[0-9a-f-]{36}$"))
        second_url = page.url
        send(page, "Poulet", 0)
        page.get_by_role("link", name="Mes sessions").click()
        shot(page, "sessions")

        page.get_by_role("button", name="Déconnexion").click()
        expect(page.get_by_role("status")).to_have_text("Vous êtes déconnecté.")
        shot(page, "logged-out")
        context.close()

        # Another device, without JavaScript: log in, resume where it stopped, answer.
        other = browser.new_context(**phone, java_script_enabled=False)
        other.set_default_timeout(TIMEOUT_MS)
        page = other.new_page()
        page.goto(base + "/login")
        page.get_by_label("E-mail").fill(EMAIL)
        page.get_by_label("Mot de passe").fill(PASSWORD)
        shot(page, "login")
        page.get_by_role("button", name="Me connecter").click()
        expect(page).to_have_url(base + "/app/sessions")
        page.get_by_role("link", name="Awa Couture").click()
        expect(page).to_have_url(second_url)
        expect(page.locator("#conv .msg.you")).to_have_text(re.compile("Poulet"))
        shot(page, "resumed")
        send(page, FULL_RUN_FR["vision"], 1)
        expect(page.locator("#conv .msg.you")).to_have_count(2)

        page.get_by_role("link", name="Compte").click()
        expect(page.get_by_label("Langue préférée")).to_have_value("fr")
        shot(page, "account")
        other.close()
        browser.close()

    (artifacts / "weights.json").write_text(
        json.dumps({"coaching_first_load": first_load, "answer_round_trip": answer_trip})
    )
    assert 0 < first_load <= 60 * 1024, first_load
    assert 0 < answer_trip <= 10 * 1024, answer_trip


def test_the_api_docs_draw_offline_under_their_policy(server: ApiServer, artifacts: Path) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            problems: list[str] = []
            page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
            page.on(
                "request",
                lambda r: problems.append(r.url) if not r.url.startswith(server.url) else None,
            )
            page.goto(server.url + "/docs")
            page.wait_for_selector(".opblock-tag", timeout=TIMEOUT_MS)
            assert page.locator(".opblock").count() >= 20  # every operation is drawn
            page.screenshot(path=str(artifacts / "docs.png"))
        finally:
            browser.close()
    assert problems == []  # no policy violation, nothing fetched from elsewhere
