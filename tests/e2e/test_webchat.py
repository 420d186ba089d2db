"""The web chat page in a real headless Chromium (Debian's), served by the real Rasa server.

The page comes from the Rasa server started with the project's credentials.yml (the
`bot.webchat.channel.WebChatInput` channel) and talks to its REST channel; nothing is mocked,
except the neutral exit site (there is no internet here) and, in one test, a hostile reply the
real assistant never sends. scripts/ensure_browser.sh installs chromium and axe-core when
missing; without them these tests skip, except under CI, where they fail.

The page talks to the session's one Rasa server (`rest_url`). Nothing here sleeps: every check
waits for what the user would see, and a check that something did NOT happen comes after a
positive sign that the page went on (a reply shown, a later key press answered).
"""
from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from bot.webchat.channel import render
from knowledge.contacts import contacts, fill, numbers_in
from knowledge.entries import knowledge_base
from knowledge.lint import problems
from harness.servers import ROOT

CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "tests" / "artifacts"
EXIT_URL = "https://www.bbc.co.uk/weather"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]
PHONE = {"width": 390, "height": 844}
REPLY_TIMEOUT = 60_000  # ms; the first turn of a fresh server can be slow on 2 cores
DANGER_LINE = f"Call {fill('{emergency}')} if someone is in danger now."


def unavailable(reason: str):
    """Under CI the browser tests must run; elsewhere they skip with the reason."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI must run the browser tests)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def sync_api():
    if not CHROMIUM.exists() or not AXE.exists():
        subprocess.run(["bash", str(ROOT / "scripts" / "ensure_browser.sh")], cwd=ROOT, check=False)
    if not CHROMIUM.exists():
        unavailable(f"{CHROMIUM} is missing and scripts/ensure_browser.sh could not install it")
    try:
        from playwright import sync_api
    except ImportError:
        unavailable("playwright is not installed (make install)")
    return sync_api


@pytest.fixture(scope="module")
def browser(sync_api):
    # Module scope: while Playwright's sync API is open, the thread looks as if an asyncio loop
    # were running, so other modules' asyncio tests must never run inside its lifetime.
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def chat_url(rest_url) -> str:
    return f"{rest_url}/webhooks/webchat/"


class Chat:
    """One browser tab on the chat page, with what a user would see and what the page fetched."""

    def __init__(self, context, url: str, expect, clock: bool = False) -> None:
        self.context, self.url, self.expect = context, url, expect
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        context.route(f"{EXIT_URL}**", lambda route: route.fulfill(
            content_type="text/html", body="<!doctype html><title>Weather</title><h1>Weather</h1>"))
        self.page = context.new_page()
        if clock:  # the page's Date.now() under the test's control (page.clock.fast_forward)
            self.page.clock.install()
        self.page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.goto(url)
        self.bot = self.page.locator("#messages .msg.bot")
        self.user = self.page.locator("#messages .msg.user")

    def ask(self, text: str):
        """Type a message and press Enter; wait for the reply bubbles; return the first of them."""
        return self.ask_for_json(text)[0]

    def ask_for_json(self, text: str):
        """`ask`, and also the reply messages as the REST channel sent them to the page."""
        before = self.bot.count()
        self.page.get_by_label("Your message").fill(text)
        with self.page.expect_response("**/webhooks/rest/webhook", timeout=REPLY_TIMEOUT) as sent:
            self.page.keyboard.press("Enter")
        self.expect(self.bot).not_to_have_count(before, timeout=REPLY_TIMEOUT)
        self.expect(self.page.locator(".waiting")).to_have_count(0, timeout=REPLY_TIMEOUT)
        return self.bot.nth(before), sent.value.json()

    def storage(self) -> dict:
        return self.page.evaluate("""async () => ({
            cookie: document.cookie,
            local: localStorage.length,
            session: sessionStorage.length,
            databases: (await indexedDB.databases()).length,
        })""")


@pytest.fixture
def open_chat(browser, chat_url, sync_api):
    contexts = []

    def opener(viewport: dict | None = None, clock: bool = False, **options) -> Chat:
        context = browser.new_context(viewport=viewport or {"width": 1024, "height": 768}, **options)
        contexts.append(context)
        return Chat(context, chat_url, sync_api.expect, clock=clock)

    yield opener
    for context in contexts:
        context.close()


def entry(entry_id: str):
    return knowledge_base().entries[entry_id]


def caption(entry_id: str) -> str:
    return f"📖 Toolkit: {entry(entry_id).section.citation}"


def starts_with(text: str) -> re.Pattern:
    return re.compile("^" + re.escape(text))


def test_the_page_fills_its_numbers_from_the_contacts_list():
    assert render("Call {emergency}; {not_a_contact} stays.") == (
        f"Call {contacts()['emergency'].number}; {{not_a_contact}} stays.")


def test_the_page_text_passes_the_language_lint_and_types_no_number():
    static = ROOT / "bot" / "webchat" / "static"
    template = re.sub(r"<[^>]+>", " ", (static / "index.html").read_text(encoding="utf-8"))
    script = " ".join(re.findall(r'"((?:[^"\\\n]|\\.)*)"', (static / "app.js").read_text(encoding="utf-8")))
    assert "Quick exit" in template and "No answer came back" in script
    assert numbers_in(template + " " + script) == [], "numbers come from {contact_id} placeholders"
    assert problems(iter([("index.html", template), ("app.js", script)])) == []


def test_a_question_gets_the_grounded_answer_with_its_toolkit_section(open_chat):
    chat = open_chat()
    reply, sent = chat.ask_for_json("what is cuckooing")
    chat.expect(chat.user.last).to_have_text("what is cuckooing")
    assert (sent[0]["response"], sent[0]["entry_id"]) == ("utter_answer", "cuckooing")
    chat.expect(reply.locator("p").first).to_have_text(starts_with(fill(entry("cuckooing").short)))
    chat.expect(reply.locator(".cite")).to_have_text(caption("cuckooing"))
    assert sent[0]["citation"] == entry("cuckooing").section.citation, "the caption is the citation field"
    chat.expect(reply.get_by_role("button", name="Tell me more")).to_be_visible()


def test_tell_me_more_expands_inside_the_same_bubble(open_chat):
    chat = open_chat()
    reply = chat.ask("what is cuckooing")
    bubbles, mine = chat.bot.count(), chat.user.count()
    more = reply.get_by_role("button", name="Tell me more")
    more.click()
    chat.expect(more).to_have_attribute("aria-expanded", "true", timeout=REPLY_TIMEOUT)
    expanded = reply.locator(".more")
    chat.expect(expanded.locator("p").first).to_have_text(starts_with(fill(entry("cuckooing").more)))
    chat.expect(expanded.locator(".cite")).to_have_text(caption("cuckooing"))
    assert (chat.bot.count(), chat.user.count()) == (bubbles, mine), "no new bubble: it opened in place"
    more.click()
    chat.expect(expanded).to_be_hidden()
    chat.expect(more).to_have_attribute("aria-expanded", "false")


def test_a_topic_button_sends_its_payload_and_shows_its_title(open_chat):
    chat = open_chat()
    reply = chat.ask("what is cuckooing")
    related_topics = [entry(rid) for rid in entry("cuckooing").related]
    shown = reply.locator(".choice").all_inner_texts()
    related = next(e for e in related_topics if e.title in shown)
    title = related.title
    before = chat.bot.count()
    with chat.page.expect_response("**/webhooks/rest/webhook", timeout=REPLY_TIMEOUT) as sent:
        reply.get_by_role("button", name=title, exact=True).click()
    chat.expect(chat.user.last).to_have_text(title)
    assert json.loads(sent.value.request.post_data)["message"] == \
        f'/ask_question{{"entry_id": "{related.id}"}}', "the button sends its payload, not its title"
    answer = sent.value.json()[0]
    assert (answer["response"], answer["entry_id"]) == ("utter_answer", related.id)
    chat.expect(chat.bot.nth(before).locator(".cite")).to_have_text(caption(related.id), timeout=REPLY_TIMEOUT)


def test_danger_gets_the_emergency_message_first_and_marked_urgent(open_chat):
    chat = open_chat()
    reply, sent = chat.ask_for_json("someone has a knife and is threatening my son right now")
    names = [m.get("response") for m in sent]
    assert names[0] == "utter_emergency" and len(sent) > 1 and names[1].startswith("utter_danger_"), names
    chat.expect(reply).to_have_class(re.compile(r"\burgent\b"))
    chat.expect(reply.locator("p")).to_have_text(sent[0]["text"])
    after = chat.bot.nth(chat.bot.count() - len(sent) + 1)
    chat.expect(after).not_to_have_class(re.compile(r"\burgent\b"))
    chat.expect(after.locator("p").first).to_have_text(sent[1]["text"])


def test_nothing_is_kept_in_the_browser(open_chat):
    chat = open_chat()
    chat.ask("what is cuckooing")
    assert chat.context.cookies() == []
    assert chat.storage() == {"cookie": "", "local": 0, "session": 0, "databases": 0}
    assert chat.page.get_by_label("Your message").get_attribute("autocomplete") == "off"
    headers = httpx.get(chat.url, timeout=10).headers
    assert headers["cache-control"] == "no-store" and headers["referrer-policy"] == "no-referrer"
    assert "set-cookie" not in headers


def test_markup_typed_in_is_shown_as_text(open_chat):
    chat = open_chat()
    typed = "<img src=x onerror=alert(1)>"
    chat.ask(typed)
    chat.expect(chat.user.last).to_have_text(typed)
    # The reply is shown, so the page has rendered both bubbles: with no <img> made, no onerror can run.
    assert chat.page.locator("img").count() == 0
    assert chat.dialogs == []


def test_a_hostile_reply_is_shown_as_text_and_its_links_are_safe(open_chat):
    """The real assistant never sends this; the page must still render it harmlessly."""
    chat = open_chat()
    hostile = [{"recipient_id": "x", "response": "utter_answer",
                "text": "<b>bold</b> <img src=x onerror=alert(2)> see https://example.org/a and "
                        "javascript:alert(3)",
                "citation": "<i>Part</i> › Heading",
                "buttons": [{"title": "<img src=y onerror=alert(4)>", "payload": "/greet"}]}]
    chat.page.route("**/webhooks/rest/webhook", lambda route: route.fulfill(
        content_type="application/json", body=json.dumps(hostile)))
    reply = chat.ask("hello")
    chat.expect(reply.locator("p").first).to_contain_text("<b>bold</b> <img src=x onerror=alert(2)>")
    chat.expect(reply.locator(".cite")).to_have_text("📖 Toolkit: <i>Part</i> › Heading")
    chat.expect(reply.locator(".choice")).to_have_text("<img src=y onerror=alert(4)>")
    assert chat.page.locator("#messages b, #messages i, #messages img").count() == 0
    links = reply.locator("a")
    chat.expect(links).to_have_count(1)
    assert links.get_attribute("href") == "https://example.org/a"
    assert set(links.get_attribute("rel").split()) >= {"noopener", "noreferrer"}
    assert chat.dialogs == [], "no element was made that could run a script"


def assert_gone(chat: Chat) -> None:
    """On the neutral site, and history cannot bring the chat back."""
    chat.page.wait_for_url(f"{EXIT_URL}**")
    chat.expect(chat.page.locator("h1")).to_have_text("Weather")
    chat.page.go_back()
    assert not chat.page.url.startswith(chat.url)
    assert chat.page.locator("#messages").count() == 0
    assert "cuckooing" not in chat.page.content()


def test_quick_exit_leaves_nothing_to_go_back_to(open_chat):
    chat = open_chat()
    chat.ask("what is cuckooing")
    chat.page.get_by_role("link", name=re.compile("^Quick exit")).click()
    assert_gone(chat)


def test_escape_twice_is_a_quick_exit_and_once_is_not(open_chat):
    chat = open_chat(clock=True)
    chat.ask("what is cuckooing")
    chat.page.keyboard.press("Escape")
    chat.page.clock.fast_forward(1700)  # past the 1.5 s window, on the page's own clock
    chat.page.keyboard.press("Escape")
    chat.ask("what is county lines")  # the page took both presses and still answers
    assert chat.page.url == chat.url, "two presses far apart are not a quick exit"
    chat.page.clock.fast_forward(1700)  # the last press is long gone too
    chat.page.keyboard.press("Escape")
    chat.page.keyboard.press("Escape")
    assert_gone(chat)


def focused(page) -> dict:
    return page.evaluate("""() => {
        const el = document.activeElement, style = getComputedStyle(el);
        return {text: (el.innerText || el.value || '').trim(), id: el.id, tag: el.tagName,
                outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2};
    }""")


def tab_to(page, wanted, backwards: bool = False, limit: int = 25) -> dict:
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        now = focused(page)
        if wanted(now):
            return now
    raise AssertionError("the keyboard never reached it")


def test_keyboard_only_end_to_end(open_chat):
    chat = open_chat()
    page = chat.page
    first = tab_to(page, lambda f: True)
    assert first["text"].startswith("Quick exit") and first["outline"], "quick exit comes first, focus shows"
    box = tab_to(page, lambda f: f["id"] == "message")
    assert box["outline"]
    page.keyboard.type("what is cuckooing")
    page.keyboard.press("Enter")
    chat.expect(chat.bot.nth(1).locator(".cite")).to_have_text(caption("cuckooing"), timeout=REPLY_TIMEOUT)
    more = tab_to(page, lambda f: f["text"] == "Tell me more", backwards=True)
    assert more["outline"]
    page.keyboard.press("Enter")
    chat.expect(chat.bot.nth(1).locator(".more .cite")).to_have_text(caption("cuckooing"),
                                                                     timeout=REPLY_TIMEOUT)
    exit_link = tab_to(page, lambda f: f["text"].startswith("Quick exit"), backwards=True)
    assert exit_link["outline"]
    page.keyboard.press("Enter")
    assert_gone(chat)


def test_the_999_line_stays_on_a_phone_screen(open_chat):
    chat = open_chat(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    served = httpx.get(chat.url, timeout=10).text
    assert DANGER_LINE in re.sub(r"<[^>]+>", "", served), "the number is in the page as served"
    chat.ask("what is cuckooing")
    chat.bot.last.get_by_role("button", name="Tell me more").click()
    chat.expect(chat.bot.last.locator(".more .cite")).to_have_count(1, timeout=REPLY_TIMEOUT)
    chat.ask("what should I do if a young person goes missing")
    line = chat.page.locator(".danger")
    chat.expect(line).to_have_text(DANGER_LINE)
    chat.expect(line).to_be_in_viewport()
    conversation = chat.page.locator("main")
    assert conversation.evaluate("el => el.scrollHeight > el.clientHeight"), "longer than the screen"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    chat.page.screenshot(path=str(ARTIFACTS / "webchat_phone.png"))
    for top in ("0", "el.scrollHeight"):
        conversation.evaluate(f"el => {{ el.scrollTop = {top}; }}")
        chat.expect(line).to_be_in_viewport()
    chat.expect(chat.page.get_by_label("Your message")).to_be_in_viewport()


@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "phone"])
def test_text_scales_to_200_percent_without_loss(open_chat, width):
    chat = open_chat(viewport={"width": width, "height": 800})
    chat.ask("what is cuckooing")
    chat.page.evaluate("document.documentElement.style.fontSize = '200%'")
    lost = chat.page.evaluate("""() => {
        const out = [];
        for (const el of [document.documentElement, document.querySelector('main')])
            if (el.scrollWidth > el.clientWidth) out.push('scrolls sideways: ' + el.tagName);
        for (const el of document.querySelectorAll('p, a, button, label, input, h1')) {
            const box = el.getBoundingClientRect();
            if (box.right > innerWidth + 1 || box.left < -1) out.push('off screen: ' + el.textContent.slice(0, 30));
            if (el.scrollWidth > el.clientWidth + 1 && el.tagName !== 'INPUT') out.push('clipped: ' + el.textContent.slice(0, 30));
        }
        return out;
    }""")
    assert lost == []
    chat.expect(chat.page.locator(".danger")).to_be_in_viewport()


def test_the_page_is_small_and_fetches_nothing_from_other_hosts(open_chat):
    chat = open_chat()
    chat.ask("what is cuckooing")
    origin = urlsplit(chat.url)[:2]
    assert chat.requests and all(urlsplit(url)[:2] == origin for url in chat.requests), chat.requests
    sizes = {name: len(httpx.get(chat.url + name, timeout=10).content)
             for name in ("", "app.js", "style.css")}
    assert sum(sizes.values()) < 100 * 1024, sizes


def test_axe_finds_no_serious_or_critical_violations(open_chat):
    if not AXE.exists():
        unavailable("node_modules/axe-core is missing and `npm ci` could not install it")
    chat = open_chat(viewport=PHONE, bypass_csp=True)  # axe is injected as an inline script
    reply = chat.ask("what is cuckooing")
    reply.get_by_role("button", name="Tell me more").click()
    chat.expect(reply.locator(".more .cite")).to_have_count(1, timeout=REPLY_TIMEOUT)
    chat.page.add_script_tag(path=str(AXE))
    result = chat.page.evaluate("""() => axe.run(document, {runOnly: {type: 'tag', values:
        ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}})""")
    summary = {
        "axe_version": result["testEngine"]["version"],
        "passes": len(result["passes"]),
        "incomplete": sorted(r["id"] for r in result["incomplete"]),
        "violations": {r["id"]: {"impact": r["impact"], "nodes": len(r["nodes"])}
                       for r in result["violations"]},
    }
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "webchat_axe.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")
    serious = {rule: v for rule, v in summary["violations"].items() if v["impact"] in ("serious", "critical")}
    assert serious == {}, serious
