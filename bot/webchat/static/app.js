/* The web chat page: sends each message to the Rasa REST channel on this origin and shows the
 * replies as chat bubbles. Nothing is stored in the browser: the random sender id lives in this
 * script's memory only (no cookies, no localStorage, no sessionStorage). Every text from a reply
 * or from the user is inserted with textContent, never as HTML. */
(function () {
  "use strict";

  var URL_PATTERN = /(https?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]'])/g;
  var ESCAPE_WINDOW_MS = 1500;                   // Escape twice within this time leaves the page
  var NO_REPLY = "No answer came back to that. You could try asking in other words.";

  var body = document.body;
  var webhook = new URL(body.getAttribute("data-webhook"), location.href).href;
  var exitUrl = body.getAttribute("data-exit");
  var emergency = body.getAttribute("data-emergency");
  var log = document.getElementById("messages");
  var form = document.getElementById("composer");
  var input = document.getElementById("message");
  var pending = new AbortController();
  var sender = newSender();
  var lastEscape = 0;
  var expansions = 0;

  function newSender() {
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return "web-" + Array.prototype.map.call(bytes, function (b) {
      return (b < 16 ? "0" : "") + b.toString(16);
    }).join("");
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /* A link only for http(s) addresses; anything else stays plain text. */
  function safeLink(address) {
    var url;
    try { url = new URL(address); } catch (e) { return document.createTextNode(address); }
    if (url.protocol !== "https:" && url.protocol !== "http:") return document.createTextNode(address);
    var a = el("a", null, address);
    a.href = url.href;
    a.rel = "noopener noreferrer";
    a.target = "_blank";
    return a;
  }

  /* One paragraph of reply text, with its web addresses as safe links. */
  function paragraph(text, className) {
    var p = el("p", className);
    var last = 0;
    text.replace(URL_PATTERN, function (match, address, offset) {
      p.appendChild(document.createTextNode(text.slice(last, offset)));
      p.appendChild(safeLink(address));
      last = offset + match.length;
      return match;
    });
    p.appendChild(document.createTextNode(text.slice(last)));
    return p;
  }

  /* Reply text: paragraphs split on blank lines. */
  function renderText(container, text) {
    String(text).split(/\n\s*\n/).forEach(function (part) {
      var trimmed = part.trim();
      if (trimmed) container.appendChild(paragraph(trimmed));
    });
  }

  /* The toolkit section an answer rests on, from the message's own citation field. */
  function renderCitation(container, citation) {
    if (typeof citation !== "string" || !citation) return;
    var cite = paragraph(citation, "cite");
    var label = el("span", "cite-label", " Toolkit: ");
    var book = el("span", null, "\uD83D\uDCD6");
    book.setAttribute("aria-hidden", "true");   // screen readers hear "Toolkit:", not "open book"
    label.insertBefore(book, label.firstChild);
    cite.insertBefore(label, cite.firstChild);
    container.appendChild(cite);
  }

  function renderButtons(container, owner, buttons) {
    if (!buttons || !buttons.length) return;
    var group = el("div", "choices");
    buttons.forEach(function (b) {
      if (!b || typeof b.title !== "string" || typeof b.payload !== "string") return;
      var button = el("button", "choice", b.title);
      button.type = "button";
      if (b.expands === true) {                 // "Tell me more" expands in place
        button.setAttribute("aria-expanded", "false");
        button.addEventListener("click", function () { expand(owner, button, b.payload); });
      } else {
        button.addEventListener("click", function () { send(b.payload, b.title); });
      }
      group.appendChild(button);
    });
    container.appendChild(group);
  }

  /* One reply message into a container (a new bubble, or a bubble's expansion). */
  function renderMessage(container, owner, message) {
    if (message.text) renderText(container, message.text);
    renderCitation(container, message.citation);
    renderButtons(container, owner, message.buttons);
  }

  function bubble(who, extraClass) {
    var node = el("div", "msg " + who + (extraClass ? " " + extraClass : ""));
    log.appendChild(node);
    return node;
  }

  function isUrgent(message) {
    return typeof message.response === "string" && message.response.indexOf("utter_emergency") === 0;
  }

  function showReplies(messages) {
    var first = null;
    if (!messages.length) messages = [{ text: NO_REPLY }];
    messages.forEach(function (message) {
      var node = bubble("bot", isUrgent(message) ? "urgent" : "");
      renderMessage(node, node, message);
      first = first || node;
    });
    if (first) first.scrollIntoView({ block: "nearest" });
  }

  function showProblem(container) {
    var text = "Sorry, that message did not get through. Please try again.";
    if (emergency) text += " If someone is in danger now, call " + emergency + ".";
    container.appendChild(el("p", "problem", text));
  }

  function post(message) {
    return fetch(webhook, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ sender: sender, message: message }),
      credentials: "omit",
      cache: "no-store",
      referrerPolicy: "no-referrer",
      signal: pending.signal
    }).then(function (response) {
      if (!response.ok) throw new Error("status " + response.status);
      return response.json();
    }).then(function (messages) {
      return Array.isArray(messages) ? messages : [];
    });
  }

  function waiting(container) {
    var note = el("p", "waiting", "Finding an answer\u2026");
    container.appendChild(note);
    return note;
  }

  /* Send a message; `shown` is what the user's bubble says (a button's title, or the text typed). */
  function send(message, shown) {
    var mine = bubble("user");
    mine.appendChild(el("p", null, shown));
    mine.scrollIntoView({ block: "nearest" });
    var note = waiting(log);
    return post(message).then(function (messages) {
      note.remove();
      showReplies(messages);
    }, function (error) {
      note.remove();
      if (error && error.name === "AbortError") return;
      showProblem(bubble("bot", "urgent"));
    });
  }

  /* "Tell me more": the reply appears inside the same bubble, and the button then shows or hides it. */
  function expand(target, button, payload) {
    var controls = button.getAttribute("aria-controls");
    if (controls) {
      var section = document.getElementById(controls);
      var open = button.getAttribute("aria-expanded") === "true";
      section.hidden = open;
      button.setAttribute("aria-expanded", open ? "false" : "true");
      return;
    }
    if (button.getAttribute("aria-busy") === "true") return;
    button.setAttribute("aria-busy", "true");
    var more = el("div", "more");
    more.id = "more-" + (++expansions);
    var choices = button.parentNode;
    target.insertBefore(more, choices);
    var note = waiting(more);
    post(payload).then(function (messages) {
      note.remove();
      if (!messages.length) messages = [{ text: NO_REPLY }];
      messages.forEach(function (message) { renderMessage(more, target, message); });
      button.setAttribute("aria-controls", more.id);
      button.setAttribute("aria-expanded", "true");
      button.removeAttribute("aria-busy");
      more.scrollIntoView({ block: "nearest" });
    }, function (error) {
      note.remove();
      button.removeAttribute("aria-busy");
      if (error && error.name !== "AbortError") showProblem(more);
    });
  }

  /* Quick exit: clear the conversation, forget the sender, and replace this page in history. */
  function quickExit(event) {
    if (event) event.preventDefault();
    try {
      pending.abort();
      sender = null;
      input.value = "";
      log.replaceChildren();
      document.title = "";
      body.replaceChildren();
    } finally {
      location.replace(exitUrl);
    }
  }

  document.getElementById("quick-exit").addEventListener("click", quickExit);

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var now = Date.now();
    if (now - lastEscape <= ESCAPE_WINDOW_MS) {
      quickExit(event);
    } else {
      lastEscape = now;
    }
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) { input.focus(); return; }
    input.value = "";
    send(text, text);
    input.focus();
  });

  // A page restored from the back/forward cache starts over with an empty conversation.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) location.reload();
  });
}());
