// Sésame's editor: sends each change to the local server, shows what it answers.
// The server decides everything (validation, saving); this file only carries values
// and draws the answers. No library, no network beyond the page's own server.
"use strict";

(function () {
  const body = document.body;
  const game = body.dataset.game;
  // one id per browser tab (kept across its pages): a tab going from page to page is not
  // « another editor » for the few seconds its last page is still remembered
  const page = sessionStorage.getItem("sesame-page") || Math.random().toString(36).slice(2);
  sessionStorage.setItem("sesame-page", page);
  const status = document.getElementById("status");
  let version = body.dataset.version;
  let pending = 0;

  function say(text, bad) {
    const box = document.getElementById("message");
    if (!box) { return; }
    box.textContent = text;
    box.hidden = !text;
    box.classList.toggle("bad", !!bad);
  }

  function setStatus(key) {
    if (status) { status.textContent = status.dataset[key] || status.textContent; }
  }

  async function post(url, payload, headers) {
    const isJson = !(payload instanceof Blob || payload instanceof ArrayBuffer);
    const response = await fetch(url, {
      method: "POST",
      headers: Object.assign(isJson ? {"Content-Type": "application/json"} : {}, headers || {}),
      body: isJson ? JSON.stringify(payload) : payload,
      credentials: "same-origin",
    });
    if (!response.ok) { throw new Error(await response.text()); }
    return response.json();
  }

  function remember() {
    const el = document.activeElement;
    if (el && el.id) { sessionStorage.setItem("sesame-focus", el.id); }
    sessionStorage.setItem("sesame-scroll", String(window.scrollY));
  }

  function restore() {
    const id = sessionStorage.getItem("sesame-focus");
    const y = sessionStorage.getItem("sesame-scroll");
    sessionStorage.removeItem("sesame-focus");
    sessionStorage.removeItem("sesame-scroll");
    if (y !== null) { window.scrollTo(0, Number(y)); }
    if (id) {
      const el = document.getElementById(id);
      if (el) { el.focus(); }
    }
  }

  function showErrors(errors) {
    document.querySelectorAll(".errors").forEach((slot) => { slot.textContent = ""; });
    document.querySelectorAll("[aria-invalid]").forEach((el) => el.removeAttribute("aria-invalid"));
    Object.keys(errors || {}).forEach((pointer) => {
      let target = null;
      let path = pointer;
      while (true) {
        target = document.querySelector('[data-pointer="' + CSS.escape(path) + '"]');
        if (target || path === "") { break; }
        path = path.slice(0, path.lastIndexOf("/"));
      }
      if (!target) { return; }
      const slot = target.querySelector(":scope > .errors");
      if (!slot) { return; }
      errors[pointer].forEach((e) => {
        const p = document.createElement("p");
        p.className = e.severity;
        p.textContent = e.message;
        slot.appendChild(p);
      });
      const input = target.querySelector(":scope > [data-field]");
      if (input && errors[pointer].some((e) => e.severity === "error")) {
        input.setAttribute("aria-invalid", "true");
      }
    });
  }

  function applyState(answer) {
    if (answer.version !== undefined) { version = String(answer.version); }
    if (answer.errors) { showErrors(answer.errors); }
    if (answer.checklist !== undefined) {
      const box = document.getElementById("checklist");
      if (box) { box.innerHTML = answer.checklist; }
    }
    const undo = document.querySelector('[data-op="undo"]');
    const redo = document.querySelector('[data-op="redo"]');
    if (undo && answer.can_undo !== undefined) { undo.disabled = !answer.can_undo; }
    if (redo && answer.can_redo !== undefined) { redo.disabled = !answer.can_redo; }
  }

  async function change(payload) {
    pending += 1;
    setStatus("saving");
    try {
      const answer = await post("/game/" + game + "/change", payload);
      if (!answer.ok) {
        if (answer.field_error) {
          showErrors({[answer.pointer]: [{message: answer.field_error, severity: "error"}]});
        } else {
          say(answer.message, true);
        }
        setStatus("failed");
        return answer;
      }
      say("");
      if (answer.goto) {
        remember();
        location.href = "/game/" + game + "?at=" + encodeURIComponent(answer.goto);
        return answer;
      }
      if (answer.reload) {
        remember();
        location.reload();
        return answer;
      }
      applyState(answer);
      refreshPreview();
      if (answer.typeset) { showTypeset(answer.typeset.pointer, answer.typeset.value); }
      setStatus("saved");
      return answer;
    } catch (error) {
      setStatus("failed");
      say(String(error.message || error), true);
      return null;
    } finally {
      pending -= 1;
    }
  }

  // --- fields: every edit is sent as it is made -----------------------------------
  const timers = new WeakMap();
  const sent = new WeakMap();

  // The server saved a text with French no-break spaces: the field shows them once the
  // author has left it (never under the caret of a field being typed in).
  function showTypeset(pointer, value) {
    const input = document.querySelector('[data-field="' + CSS.escape(pointer) + '"]');
    if (!input || input === document.activeElement || input.value === value) { return; }
    if (sent.get(input) !== input.value) { return; }  // typed again since: that text comes next
    input.value = value;
    sent.set(input, value);
  }

  function send(input) {
    clearTimeout(timers.get(input));
    const value = input.value;
    if (sent.get(input) === value) { return; }
    sent.set(input, value);
    change({op: "set", pointer: input.dataset.field, value: value, kind: input.dataset.kind});
  }

  document.querySelectorAll("[data-field]").forEach((input) => {
    sent.set(input, input.value);
    if (input.tagName === "SELECT") {
      input.addEventListener("change", () => send(input));
      return;
    }
    input.addEventListener("input", () => {
      setStatus("typing");
      clearTimeout(timers.get(input));
      timers.set(input, setTimeout(() => send(input), 600));
    });
    input.addEventListener("change", () => send(input));
    input.addEventListener("blur", () => send(input));
  });

  window.addEventListener("beforeunload", () => {
    document.querySelectorAll("[data-field]").forEach((input) => {
      if (sent.get(input) !== input.value) {
        // the last keystrokes of a page being closed still reach the server
        const payload = {op: "set", pointer: input.dataset.field, value: input.value, kind: input.dataset.kind};
        fetch("/game/" + game + "/change", {method: "POST", keepalive: true, credentials: "same-origin",
          headers: {"Content-Type": "application/json"}, body: JSON.stringify(payload)});
      }
    });
  });

  // --- lists: add, remove, move by buttons, keys and the mouse -------------------------
  document.addEventListener("click", (event) => {
    const button = event.target.closest("button");
    if (!button) { return; }
    const d = button.dataset;
    if (d.op) { remember(); change({op: d.op}); }
    else if (d.move !== undefined) { remember(); change({op: "move", pointer: d.move, source: +d.from, target: +d.to}); }
    else if (d.remove !== undefined) { change({op: "remove", pointer: d.remove, index: +d.index}); }
    else if (d.add !== undefined) { remember(); change({op: "add_new", pointer: d.add}); }
    else if (d.picker !== undefined) { document.getElementById("picker").showModal(); }
    else if (d.type !== undefined) { change({op: "add_puzzle", type: d.type}); }
    else if (d.close !== undefined) { button.closest("dialog").close(); }
    else if (d.clash) { answerClash(button.closest("[data-pending]"), d.clash === "replace"); }
    else if (d.action) { runAction(d.action, d.room || d.puzzle ? {room: d.room, puzzle: d.puzzle} : {}); }
  });

  async function runAction(action, payload) {
    say("…");
    try {
      const answer = await post("/game/" + game + "/" + action, payload || {});
      say(answer.message || "", !answer.ok);
      applyState(answer);
    } catch (error) {
      say(String(error.message || error), true);
    }
  }

  let dragged = null;
  document.querySelectorAll("li.item[draggable]").forEach((item) => {
    item.addEventListener("dragstart", (event) => {
      if (event.target.closest("input, textarea, select")) { event.preventDefault(); return; }
      dragged = item;
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", item.dataset.index);
    });
    item.addEventListener("dragover", (event) => {
      if (dragged && dragged.parentElement === item.parentElement) { event.preventDefault(); }
    });
    item.addEventListener("drop", (event) => {
      if (!dragged || dragged.parentElement !== item.parentElement) { return; }
      event.preventDefault();
      event.stopPropagation();
      const list = item.parentElement.dataset.list;
      const from = +dragged.dataset.index;
      const to = +item.dataset.index;
      dragged = null;
      if (from !== to) { change({op: "move", pointer: list, source: from, target: to}); }
    });
  });

  // Ctrl+Z / Ctrl+Y outside a text field: the session's history (inside a field, the
  // browser's own undo keeps working on the text being typed)
  document.addEventListener("keydown", (event) => {
    if (!(event.ctrlKey || event.metaKey) || event.target.closest("input, textarea, select")) { return; }
    if (event.key === "z" && !event.shiftKey) { event.preventDefault(); remember(); change({op: "undo"}); }
    if (event.key === "y" || (event.key === "z" && event.shiftKey)) { event.preventDefault(); remember(); change({op: "redo"}); }
  });

  // --- pictures: choose or drop a file; it is copied into the game's images/ -------------
  async function upload(file, pointer) {
    say("…");
    try {
      const answer = await post("/game/" + game + "/image", file, {"X-Filename": encodeURIComponent(file.name)});
      if (!answer.ok) { say(answer.message, true); return; }
      say(answer.message);
      remember();
      await change({op: "set", pointer: pointer, value: answer.name, kind: "text"});
      location.reload();
    } catch (error) {
      say(String(error.message || error), true);
    }
  }

  document.querySelectorAll("[data-image-for]").forEach((input) => {
    input.addEventListener("change", () => { if (input.files[0]) { upload(input.files[0], input.dataset.imageFor); } });
  });
  document.querySelectorAll("[data-drop-for]").forEach((zone) => {
    zone.addEventListener("dragover", (event) => { event.preventDefault(); zone.classList.add("over"); });
    zone.addEventListener("dragleave", () => zone.classList.remove("over"));
    zone.addEventListener("drop", (event) => {
      event.preventDefault();
      zone.classList.remove("over");
      const file = event.dataTransfer.files[0];
      if (file) { upload(file, zone.dataset.dropFor); }
    });
  });

  const importer = document.querySelector("[data-import]");
  if (importer) {
    importer.addEventListener("change", async () => {
      const file = importer.files[0];
      const box = document.getElementById("import-status");
      if (!file) { return; }
      box.textContent = "…";
      try {
        const answer = await post("/import", file, {"X-Filename": encodeURIComponent(file.name)});
        if (answer.ok && answer.notes) {
          // a GIFT bank: the questions skipped and what was lost, each at its line, then the quiz
          box.textContent = answer.message;
          const list = document.createElement("ul");
          answer.notes.forEach((note) => {
            const item = document.createElement("li");
            item.textContent = note;
            list.appendChild(item);
          });
          const open = document.createElement("a");
          open.href = answer.goto;
          open.className = "button";
          open.textContent = answer.open;
          box.append(list, open);
          open.focus();
          return;
        }
        if (answer.ok) { location.href = answer.goto; return; }
        if (answer.clash) {
          // both versions, drawn by the server's template; nothing is replaced until asked
          box.textContent = "";
          const clash = document.getElementById("clash");
          clash.innerHTML = answer.clash;
          const first = clash.querySelector("h3");
          if (first) { first.tabIndex = -1; first.focus(); }
        } else { box.textContent = answer.message; }
      } catch (error) { box.textContent = String(error.message || error); }
    });
  }

  // --- drawing zones on a picture: percentages computed, never typed ----------------------
  document.querySelectorAll(".canvas").forEach((canvas) => {
    const place = (el, x, y, w, h) => {
      el.style.left = x + "%"; el.style.top = y + "%"; el.style.width = w + "%"; el.style.height = h + "%";
    };
    canvas.querySelectorAll(".zone").forEach((zone) => {
      const d = zone.dataset;
      place(zone, +d.x, +d.y, +d.w, +d.h);
    });
    let start = null;
    let ghost = null;
    const pct = (event) => {
      const box = canvas.getBoundingClientRect();
      const x = Math.min(100, Math.max(0, (event.clientX - box.left) / box.width * 100));
      const y = Math.min(100, Math.max(0, (event.clientY - box.top) / box.height * 100));
      return [x, y];
    };
    const round = (v) => Math.round(v * 10) / 10;
    canvas.addEventListener("mousedown", (event) => {
      event.preventDefault();
      start = pct(event);
      ghost = document.createElement("div");
      ghost.className = "zone drawing";
      canvas.appendChild(ghost);
      place(ghost, start[0], start[1], 0, 0);
    });
    canvas.addEventListener("mousemove", (event) => {
      if (!start) { return; }
      const [x, y] = pct(event);
      place(ghost, Math.min(x, start[0]), Math.min(y, start[1]), Math.abs(x - start[0]), Math.abs(y - start[1]));
    });
    window.addEventListener("mouseup", (event) => {
      if (!start) { return; }
      const [x, y] = pct(event);
      const zone = {x: round(Math.min(x, start[0])), y: round(Math.min(y, start[1])),
                    w: round(Math.abs(x - start[0])), h: round(Math.abs(y - start[1]))};
      start = null;
      if (zone.w < 1 || zone.h < 1) { ghost.remove(); return; }
      if (canvas.dataset.place !== undefined) {
        const which = document.getElementById("place-object");
        if (!which) { ghost.remove(); return; }
        remember();
        change(Object.assign({op: "place", pointer: which.value}, zone));
        return;
      }
      const taken = new Set(Array.from(canvas.querySelectorAll(".zone span")).map((s) => s.textContent));
      let n = 1;
      while (taken.has("z" + n)) { n += 1; }
      remember();
      change({op: "add", pointer: canvas.dataset.zones,
              value: Object.assign({id: "z" + n, correct: true}, zone)});
    });
  });

  // --- the puzzle-type picker: arrow keys move between the types, Enter picks one ------------
  const picker = document.getElementById("picker");
  if (picker) {
    picker.addEventListener("keydown", (event) => {
      const keys = {ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1};
      if (!(event.key in keys)) { return; }
      const buttons = Array.from(picker.querySelectorAll("[data-type]"));
      const at = buttons.indexOf(document.activeElement);
      if (at < 0) { return; }
      event.preventDefault();
      buttons[(at + keys[event.key] + buttons.length) % buttons.length].focus();
    });
  }

  // --- the object being placed stands out on its room's picture ------------------------------
  const which = document.getElementById("place-object");
  if (which) {
    const mark = () => document.querySelectorAll(".zone.object").forEach((box) => {
      box.classList.toggle("chosen", box.dataset.for === which.value);
    });
    which.addEventListener("change", mark);
    mark();
  }

  // --- a document's preview, drawn by Sésame: redrawn when the game changed ----------------
  const previewed = document.querySelector("img[data-preview]");
  function refreshPreview() {
    if (!previewed) { return; }
    previewed.src = previewed.src.replace(/([?&]v=)[^&]*/, "$1" + version);
  }
  if (previewed) {
    const none = document.getElementById("preview-none");
    previewed.addEventListener("error", () => { previewed.hidden = true; if (none) { none.hidden = false; } });
    previewed.addEventListener("load", () => { previewed.hidden = false; if (none) { none.hidden = true; } });
  }

  // --- « Remplacer » or not, when an imported game is already there -------------------------
  async function answerClash(section, replace) {
    const box = document.getElementById("import-status");
    try {
      const answer = await post("/import-answer", {pending: section.dataset.pending, replace: replace});
      if (answer.goto) { location.href = answer.goto; return; }
      section.remove();
      box.textContent = answer.message || "";
    } catch (error) { box.textContent = String(error.message || error); }
  }

  // --- watching: the game changed elsewhere, another editor on it ------------------------
  if (game) {
    try { showErrors(JSON.parse(body.dataset.errors || "{}")); } catch (e) { /* no errors to show */ }
    setInterval(async () => {
      if (pending) { return; }
      try {
        const response = await fetch("/game/" + game + "/state?page=" + page, {credentials: "same-origin"});
        const answer = await response.json();
        const others = document.getElementById("others");
        if (others) { others.hidden = !answer.others; }
        if (answer.reloaded) { remember(); location.reload(); return; }
        if (String(answer.version) !== version) { applyState(answer); }
      } catch (e) { setStatus("failed"); }
    }, 2500);
  }
  restore();
})();
