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
    // what a change asked to have the focus next (a zone just added), else what had it
    const id = sessionStorage.getItem("sesame-focus-next") || sessionStorage.getItem("sesame-focus");
    const y = sessionStorage.getItem("sesame-scroll");
    sessionStorage.removeItem("sesame-focus-next");
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

  // « Annuler » / « Rétablir »: what is still waiting to be saved (a zone moved by the keys) first
  let settle = () => Promise.resolve();
  async function history(op) {
    await settle();
    change({op: op});
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
    if (d.op) { remember(); history(d.op); }
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
    if (event.key === "z" && !event.shiftKey) { event.preventDefault(); remember(); history("undo"); }
    if (event.key === "y" || (event.key === "z" && event.shiftKey)) { event.preventDefault(); remember(); history("redo"); }
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

  // --- a room's objects and exits on its picture (or a hotspot's zones on its own): zones
  // drawn, moved and resized with the mouse or the keyboard, in percent of the picture (the
  // player's x, y, w, h); the form's numbers follow them, and typing a number moves the zone.
  // Saved by the server's « place » (a new hotspot zone: « add »), as every change is written.
  // -------------------------------------------------------------------------------------------
  const placing = document.querySelector("section.placing");
  if (placing) {
    const canvas = placing.querySelector(".canvas[data-place]");
    const which = document.getElementById("place-object");
    const said = document.getElementById("place-said");
    const notes = document.getElementById("place-notes");
    const words = placing.dataset;
    const list = words.zones;  // a hotspot's zones: drawing on the picture adds one
    const KEYS = ["x", "y", "w", "h"];
    const round = (v) => Math.round(v * 10) / 10;
    const shown = (v) => String(round(v)).replace(".", ",");
    const fill = (text, values) => text.replace(/\{(\w+)\}/g, (all, name) => (name in values ? String(values[name]) : all));
    const zones = () => Array.from(canvas.querySelectorAll(".zone"));
    const zoneFor = (pointer) => zones().find((z) => z.dataset.for === pointer);
    const rectOf = (zone) => (zone.hidden ? null : {x: +zone.dataset.x, y: +zone.dataset.y, w: +zone.dataset.w, h: +zone.dataset.h});
    const fieldOf = (zone, key) => document.querySelector('[data-field="' + CSS.escape(zone.dataset.for + "/" + key) + '"]');

    // inside the picture, to a tenth of a percent, never empty
    function clamp(r) {
      const w = round(Math.min(100, Math.max(0.5, r.w)));
      const h = round(Math.min(100, Math.max(0.5, r.h)));
      return {x: round(Math.min(100 - w, Math.max(0, r.x))), y: round(Math.min(100 - h, Math.max(0, r.y))), w: w, h: h};
    }
    // the picture's size in px as the player draws it on a 1366 × 768 screen: whole, its
    // proportions kept, in the place a 16:10 background takes (scenes/room.py picture_rect)
    function drawnSize() {
      const [w, h] = [+words.pictureW, +words.pictureH];
      const picture = canvas.querySelector("img");
      if (!picture || !picture.naturalWidth || !picture.naturalHeight) { return {w: w, h: h}; }
      const aspect = picture.naturalWidth / picture.naturalHeight;
      const width = Math.min(w, Math.round(h * aspect));
      return {w: width, h: Math.min(h, Math.round(width / aspect))};
    }
    // a zone's size in px there, when under 44 px
    function small(r) {
      if (!words.pictureW) { return null; }  // a room's picture: the player's size is known
      const size = drawnSize();
      const pw = Math.round(r.w / 100 * size.w);
      const ph = Math.round(r.h / 100 * size.h);
      return pw < +words.min || ph < +words.min ? {pw: pw, ph: ph} : null;
    }
    function stateText(zone, r) {
      return fill(words.sayState, {what: zone.dataset.what, x: shown(r.x), y: shown(r.y), w: shown(r.w), h: shown(r.h)});
    }
    function smallText(zone, r) {
      const s = small(r);
      return s ? fill(words.saySmall, {what: zone.dataset.what, pw: s.pw, ph: s.ph, screen: words.screen, min: words.min}) : "";
    }
    function show(zone, r) {
      KEYS.forEach((k) => { zone.dataset[k] = String(r[k]); });
      zone.style.left = r.x + "%"; zone.style.top = r.y + "%"; zone.style.width = r.w + "%"; zone.style.height = r.h + "%";
      zone.hidden = false;
      zone.classList.toggle("small", !!small(r));
      zone.classList.toggle("east", r.x + r.w / 2 > 50);  // its name tag reaches left, within the picture
      zone.setAttribute("aria-label", (stateText(zone, r) + " " + smallText(zone, r)).trim());
    }
    function unshow(zone) {
      KEYS.forEach((k) => { delete zone.dataset[k]; });
      zone.hidden = true;
    }
    // the form's numbers, as the zone says them (already saved by the zone: not sent again)
    function toFields(zone) {
      const r = rectOf(zone);
      KEYS.forEach((k) => {
        const input = fieldOf(zone, k);
        if (!input) { return; }
        clearTimeout(timers.get(input));
        input.value = r ? shown(r[k]) : "";
        sent.set(input, input.value);
        input.removeAttribute("aria-invalid");
      });
    }
    function announce(zone) {
      const r = rectOf(zone);
      if (!r) { return; }
      said.textContent = stateText(zone, r);
      if (small(r)) {  // seen in the list below; said here too, for a screen reader
        const warning = document.createElement("span");
        warning.className = "visually-hidden";
        warning.textContent = " " + smallText(zone, r);
        said.appendChild(warning);
      }
    }
    function listNotes() {
      notes.textContent = "";
      const unplaced = [];
      zones().forEach((zone) => {
        const r = rectOf(zone);
        if (!r) { if (zone.dataset.label) { unplaced.push("«\u00a0" + zone.dataset.label + "\u00a0»"); } return; }
        if (!small(r)) { return; }
        const item = document.createElement("li");
        item.className = "warning";
        item.textContent = smallText(zone, r);
        notes.appendChild(item);
      });
      if (unplaced.length && words.sayUnplaced) {
        const item = document.createElement("li");
        item.className = "unplaced";
        item.textContent = fill(words.sayUnplaced, {names: unplaced.join(", ")});
        notes.appendChild(item);
      }
    }
    function choose(zone) {
      if (which && zone) { which.value = zone.dataset.for; }
      zones().forEach((z) => z.classList.toggle("chosen", !!which && z.dataset.for === which.value));
    }

    // saved at once after the mouse, half a second after the last key (one « Annuler » a move)
    const waiting = new Map();
    function payload(zone) { return Object.assign({op: "place", pointer: zone.dataset.for}, rectOf(zone)); }
    function save(zone, later) {
      clearTimeout(waiting.get(zone));
      waiting.delete(zone);
      const now = () => {
        waiting.delete(zone);
        if (!rectOf(zone)) { return; }
        const option = which && Array.from(which.options).find((o) => o.value === zone.dataset.for);
        if (option) { option.textContent = option.dataset.plain; }
        change(payload(zone));
      };
      if (later) { waiting.set(zone, setTimeout(now, 500)); } else { now(); }
    }
    settle = () => Promise.all(Array.from(waiting.keys()).map((zone) => {
      clearTimeout(waiting.get(zone));
      waiting.delete(zone);
      return change(payload(zone));
    }));
    window.addEventListener("beforeunload", () => {
      waiting.forEach((timer, zone) => {
        clearTimeout(timer);
        fetch("/game/" + game + "/change", {method: "POST", keepalive: true, credentials: "same-origin",
          headers: {"Content-Type": "application/json"}, body: JSON.stringify(payload(zone))});
      });
    });
    // a hotspot's new zone: drawn from nothing, then added to the list (the page is drawn again)
    function fresh() {
      if (!list) { return null; }
      const zone = document.createElement("div");
      zone.className = "zone new";
      zone.hidden = true;
      zone.dataset.what = "";
      zone.dataset.label = "";
      canvas.appendChild(zone);
      return zone;
    }
    function add(r) {
      const taken = new Set(zones().map((z) => z.dataset.label));
      let n = 1;
      while (taken.has("z" + n)) { n += 1; }
      // once the page is drawn again, the new zone has the focus: the arrows move it
      const index = zones().filter((z) => z.dataset.for).length;
      sessionStorage.setItem("sesame-focus-next", "zone" + (list + "/" + index).replace(/\//g, "-"));
      change({op: "add", pointer: list, value: Object.assign({id: "z" + n, correct: true}, clamp(r))});
    }
    function moved(zone, later) {
      toFields(zone);
      announce(zone);
      listNotes();
      save(zone, later);
    }

    // the mouse (or a finger, or a pen): drawn on the picture, moved by its body, resized by its corner
    let drag = null;
    const pct = (event) => {
      const box = canvas.getBoundingClientRect();
      return [(event.clientX - box.left) / box.width * 100, (event.clientY - box.top) / box.height * 100];
    };
    canvas.addEventListener("pointerdown", (event) => {
      if (event.button !== 0) { return; }
      let zone = event.target.closest(".zone");
      let mode = "draw";
      if (zone) { mode = event.target.closest(".grip") ? "resize" : "move"; } else { zone = which ? zoneFor(which.value) : fresh(); }
      if (!zone) { return; }
      event.preventDefault();
      canvas.setPointerCapture(event.pointerId);
      choose(zone);
      zone.focus({preventScroll: true});
      drag = {zone: zone, mode: mode, from: pct(event), start: rectOf(zone), moved: false};
    });
    canvas.addEventListener("pointermove", (event) => {
      if (!drag) { return; }
      const [px, py] = pct(event);
      const dx = px - drag.from[0];
      const dy = py - drag.from[1];
      if (!drag.moved && Math.abs(dx) < 0.3 && Math.abs(dy) < 0.3) { return; }
      drag.moved = true;
      const s = drag.start;
      let r;
      if (drag.mode === "move") {
        r = {x: s.x + dx, y: s.y + dy, w: s.w, h: s.h};
      } else if (drag.mode === "resize") {
        r = {x: s.x, y: s.y, w: Math.min(100 - s.x, s.w + dx), h: Math.min(100 - s.y, s.h + dy)};
      } else {
        const [fx, fy] = drag.from.map((v) => Math.min(100, Math.max(0, v)));
        const cx = Math.min(100, Math.max(0, px));
        const cy = Math.min(100, Math.max(0, py));
        r = {x: Math.min(fx, cx), y: Math.min(fy, cy), w: Math.abs(cx - fx), h: Math.abs(cy - fy)};
      }
      show(drag.zone, clamp(r));
      toFields(drag.zone);
    });
    const drop = () => {
      if (!drag) { return; }
      const d = drag;
      drag = null;
      const r = rectOf(d.zone);
      if (d.mode === "draw" && (!r || r.w < 1 || r.h < 1)) {  // a click, or too small to be meant: as it was
        if (d.zone.classList.contains("new")) { d.zone.remove(); return; }
        if (d.start) { show(d.zone, d.start); } else { unshow(d.zone); }
        toFields(d.zone);
        return;
      }
      if (!d.moved) { return; }  // a click on a zone: chosen, nothing moved
      if (d.zone.classList.contains("new")) { add(r); return; }
      moved(d.zone, false);
    };
    canvas.addEventListener("pointerup", drop);
    canvas.addEventListener("pointercancel", drop);
    window.addEventListener("keydown", (event) => {  // Escape during a gesture: as it was before
      if (!drag || event.key !== "Escape") { return; }
      event.preventDefault();
      const d = drag;
      drag = null;
      if (d.zone.classList.contains("new")) { d.zone.remove(); return; }
      if (d.start) { show(d.zone, d.start); } else { unshow(d.zone); }
      toFields(d.zone);
    });

    // the keyboard: Tab reaches each zone, the arrows move it, Shift + the arrows resize it
    canvas.addEventListener("keydown", (event) => {
      const zone = event.target.closest(".zone");
      const step = {ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1]}[event.key];
      if (!zone || !step || event.ctrlKey || event.metaKey || event.altKey) { return; }
      event.preventDefault();
      const r = rectOf(zone);
      if (!r) { return; }
      const next = event.shiftKey
        ? {x: r.x, y: r.y, w: Math.min(100 - r.x, Math.max(1, r.w + step[0])), h: Math.min(100 - r.y, Math.max(1, r.h + step[1]))}
        : {x: r.x + step[0], y: r.y + step[1], w: r.w, h: r.h};
      show(zone, clamp(next));
      moved(zone, true);
    });
    canvas.addEventListener("focusin", (event) => choose(event.target.closest(".zone")));
    canvas.addEventListener("focusout", (event) => {
      const zone = event.target.closest(".zone");
      if (zone && waiting.has(zone)) { save(zone, false); }  // left: saved now
    });

    // typing a number moves the zone (the field itself is saved as every field is)
    zones().forEach((zone) => {
      KEYS.forEach((k) => {
        const input = fieldOf(zone, k);
        if (!input) { return; }
        input.addEventListener("input", () => {
          const values = KEYS.map((key) => {
            const field = fieldOf(zone, key);
            const text = field ? field.value.trim().replace(",", ".") : "";
            return text === "" ? NaN : Number(text);
          });
          if (values.some((v) => !isFinite(v)) || values[2] <= 0 || values[3] <= 0) { return; }
          show(zone, clamp({x: values[0], y: values[1], w: values[2], h: values[3]}));
          listNotes();
        });
      });
    });

    // without a mouse: a zone for the chosen object in the middle of the picture, then the arrows
    const centre = document.getElementById("place-center");
    if (centre && list) {
      centre.addEventListener("click", () => add({x: 45, y: 42, w: 10, h: 16}));
    }
    if (centre && which) {
      centre.addEventListener("click", () => {
        const zone = zoneFor(which.value);
        if (!zone) { return; }
        const r = rectOf(zone) || {w: 10, h: 16};
        show(zone, clamp({x: 50 - r.w / 2, y: 50 - r.h / 2, w: r.w, h: r.h}));
        moved(zone, false);
        zone.focus();
      });
      which.addEventListener("change", () => choose(zoneFor(which.value)));
    }

    zones().forEach((zone) => { const r = rectOf(zone); if (r) { show(zone, r); } });
    choose(which ? zoneFor(which.value) : null);
    listNotes();
    canvas.querySelector("img").addEventListener("load", listNotes);
  }

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
