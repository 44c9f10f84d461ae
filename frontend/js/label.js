// The labeling page: one item at a time, the next one already claimed, keys 1-9 / s / u.
// Item content is untrusted: it only ever reaches the page through textContent and attributes.
(() => {
  "use strict";

  const main = document.querySelector("main.labeling");
  if (!main) return;

  const base = main.dataset.base;
  const texts = JSON.parse(main.dataset.texts);
  const undoMillis = Number(main.dataset.undoSeconds) * 1000;
  const csrfToken = document.querySelector('meta[name="csrf-token"]')?.content;
  const csrfHeader = document.querySelector('meta[name="csrf-header"]')?.content;

  const $ = (id) => document.getElementById(id);
  const labelButtons = [...document.querySelectorAll(".btn-label")];
  const labelOrder = labelButtons.map((b) => b.dataset.label);

  const state = { current: null, ahead: [], emptyReason: null, busy: false, refilling: null, last: null };

  const format = (template, ...args) => template.replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i)] ?? ""));

  async function post(path, params) {
    const headers = { Accept: "application/json" };
    if (csrfHeader && csrfToken) headers[csrfHeader] = csrfToken;
    const body = params ? new URLSearchParams(params) : undefined;
    const response = await fetch(base + path, { method: "POST", headers, body, credentials: "same-origin" });
    const isJson = (response.headers.get("Content-Type") || "").includes("json");
    if (response.redirected || !isJson || response.status === 403) {
      // The session ended (a sign-in page or a CSRF refusal came back) or access was withdrawn:
      // reloading shows the sign-in page or the reason.
      window.location.reload();
      throw new Error(response.statusText || String(response.status));
    }
    const json = await response.json().catch(() => ({}));
    if (!response.ok) {
      const error = new Error(json.detail || response.statusText || String(response.status));
      error.status = response.status;
      throw error;
    }
    return json;
  }

  function say(message, isError) {
    const status = $("status");
    status.textContent = message;
    status.classList.toggle("error", Boolean(isError));
  }

  function showProgress(p) {
    if (!p) return;
    $("today").textContent = p.today;
    $("budget-used").textContent = p.budget == null ? p.used : format(texts.budgetOf, p.used, p.budget);
    $("budget-left").textContent = p.left == null ? texts.budgetUnlimited : p.left;
    const meter = $("budget-meter");
    if (meter) meter.value = p.used;
  }

  // Keeps one item waiting behind the current one, so the next appears without a round trip.
  function refill() {
    if (state.refilling || state.emptyReason || state.ahead.length >= 1) return state.refilling;
    state.refilling = post("/claim", { count: state.current ? 1 : 2 })
      .then((batch) => {
        state.ahead.push(...batch.items);
        batch.items.forEach(preloadImage);
        if (batch.items.length === 0) state.emptyReason = batch.emptyReason || "POOL_EXHAUSTED";
        showProgress(batch.progress);
      })
      .catch((e) => say(format(texts.failed, e.message), true))
      .finally(() => { state.refilling = null; });
    return state.refilling;
  }

  function preloadImage(item) {
    if (item.imageUrl) new Image().src = item.imageUrl;
  }

  async function advance() {
    state.current = state.ahead.shift() || null;
    if (!state.current && !state.emptyReason) {
      render();
      await refill();
      state.current = state.ahead.shift() || null;
    }
    render();
    refill();
  }

  function render() {
    const item = state.current;
    const empty = !item && state.emptyReason;
    $("empty").hidden = !empty;
    $("item-body").hidden = Boolean(empty);
    labelButtons.forEach((b) => { b.disabled = !item; });
    $("skip").disabled = !item;
    $("invalid").hidden = !(item && item.synthetic);
    $("invalid").disabled = !(item && item.synthetic);
    $("undo").disabled = !undoable();
    if (empty) {
      $("item-heading").textContent = "";
      $("why").hidden = true;
      $("empty-reason").textContent = texts["empty." + state.emptyReason] || "";
      renderSuggestion(null);
      return;
    }
    if (!item) {
      $("item-heading").textContent = texts.loading;
      $("item-body").replaceChildren();
      return;
    }
    $("item-heading").textContent = format(texts.item, item.externalId || item.itemId);
    const reason = texts["reason." + item.reason];
    $("why").hidden = !reason;
    $("why-text").textContent = reason || "";
    $("why-score").textContent = item.reason === "STRATEGY" ? "(" + format(texts.score, item.score.toFixed(3)) + ")" : "";
    $("item-body").replaceChildren(...content(item));
    renderSuggestion(item.prediction);
  }

  function content(item) {
    const parts = [];
    if (item.synthetic) parts.push(syntheticNote(item));
    if (item.imageUrl) {
      const img = document.createElement("img");
      img.src = item.imageUrl;
      img.alt = format(texts.itemImage, item.externalId || item.itemId);
      img.className = "item-image";
      parts.push(img);
    }
    if (item.text != null) {
      const text = document.createElement("div");
      text.className = "item-text";
      text.tabIndex = 0;
      text.textContent = item.text;
      parts.push(text);
    }
    const features = Object.entries(item.features || {});
    if (features.length > 0) {
      const wrap = document.createElement("div");
      wrap.className = "table-scroll";
      const table = document.createElement("table");
      table.className = "features";
      const head = table.createTHead().insertRow();
      [texts.feature, texts.value].forEach((t) => {
        const th = document.createElement("th");
        th.scope = "col";
        th.textContent = t;
        head.appendChild(th);
      });
      const body = table.createTBody();
      for (const [name, value] of features) {
        const row = body.insertRow();
        const th = document.createElement("th");
        th.scope = "row";
        th.textContent = name;
        row.appendChild(th);
        row.insertCell().textContent = value == null ? "–" : String(value);
      }
      wrap.appendChild(table);
      parts.push(wrap);
    }
    const metadata = Object.entries(item.metadata || {});
    if (metadata.length > 0) {
      const details = document.createElement("details");
      details.className = "item-metadata";
      const summary = document.createElement("summary");
      summary.textContent = texts.details;
      const list = document.createElement("dl");
      for (const [key, value] of metadata) {
        const dt = document.createElement("dt");
        dt.textContent = key;
        const dd = document.createElement("dd");
        dd.textContent = typeof value === "object" && value !== null ? JSON.stringify(value) : String(value);
        list.append(dt, dd);
      }
      details.append(summary, list);
      parts.push(details);
    }
    return parts;
  }

  // A synthetic item says so, how it was made and from which items, so the annotator can judge it.
  function syntheticNote(item) {
    const note = document.createElement("p");
    note.className = "synthetic-note";
    const badge = document.createElement("span");
    badge.className = "badge badge-synthetic";
    badge.textContent = texts.synthetic;
    note.appendChild(badge);
    const s = item.synthesis || {};
    const how = document.createElement("span");
    how.textContent = " " + format(texts["synthetic.madeBy"], s.method || "", s.description || "");
    note.appendChild(how);
    if (s.derivedFrom && s.derivedFrom.length) {
      const from = document.createElement("span");
      from.className = "muted";
      from.textContent = " · " + format(texts["synthetic.from"], s.derivedFrom.map((id) => "#" + id).join(", "));
      note.appendChild(from);
    }
    return note;
  }

  function renderSuggestion(prediction) {
    const bars = $("bars");
    const probabilities = prediction && prediction.probabilities;
    $("no-suggestion").hidden = Boolean(probabilities);
    bars.hidden = !probabilities;
    labelButtons.forEach((b) => b.classList.toggle("suggested", Boolean(prediction) && b.dataset.label === prediction.label));
    if (!probabilities) {
      bars.replaceChildren();
      return;
    }
    bars.replaceChildren(...labelOrder.map((label) => {
      const p = Number(probabilities[label] || 0);
      const li = document.createElement("li");
      li.classList.toggle("top", label === prediction.label);
      const name = document.createElement("span");
      name.className = "bar-label";
      name.textContent = label;
      const track = document.createElement("span");
      track.className = "bar-track";
      const fill = document.createElement("span");
      fill.className = "bar-fill";
      fill.style.width = (p * 100).toFixed(1) + "%";
      track.appendChild(fill);
      const value = document.createElement("span");
      value.className = "bar-value";
      value.textContent = Math.round(p * 100) + "%";
      li.append(name, track, value);
      li.setAttribute("aria-label", label + " " + value.textContent);
      return li;
    }));
  }

  function undoable() {
    return Boolean(state.last) && Date.now() - state.last.at < undoMillis;
  }

  async function act(work) {
    if (state.busy) return;
    state.busy = true;
    try {
      await work();
    } catch (e) {
      say(format(texts.failed, e.message), true);
    } finally {
      state.busy = false;
      $("undo").disabled = !undoable();
    }
  }

  // An item that can no longer be labeled here (its lease ran out and someone else took it, or the
  // budget was spent meanwhile) is dropped with the reason, and the next one comes up.
  async function unlessGone(item, request) {
    try {
      return await request();
    } catch (e) {
      if (e.status !== 409 && e.status !== 404) throw e;
      say(format(texts.failed, e.message), true);
      if (state.current === item) {
        state.emptyReason = null;
        await advance();
      }
      return null;
    }
  }

  const label = (name) => act(async () => {
    const item = state.current;
    if (!item) return;
    const progress = await unlessGone(item, () => post("/" + item.itemId, { label: name }));
    if (!progress) return;
    showProgress(progress);
    state.last = { item, label: name, at: Date.now() };
    setTimeout(() => { $("undo").disabled = !undoable(); }, undoMillis + 50);
    say(format(texts.labeled, name));
    await advance();
  });

  const skip = () => act(async () => {
    const item = state.current;
    if (!item) return;
    const progress = await unlessGone(item, () => post("/" + item.itemId + "/skip"));
    if (!progress) return;
    showProgress(progress);
    say(texts.skipped);
    await advance();
  });

  const markInvalid = () => act(async () => {
    const item = state.current;
    if (!item || !item.synthetic) return;
    const done = await unlessGone(item, () => post("/" + item.itemId + "/invalid"));
    if (!done) return;
    say(texts.invalidDone);
    await advance();
  });

  const undo = () => act(async () => {
    if (!undoable()) return;
    const { item } = state.last;
    showProgress(await post("/" + item.itemId + "/undo"));
    state.last = null;
    if (state.current) state.ahead.unshift(state.current);
    state.current = item;
    render();
    say(texts.undone);
  });

  labelButtons.forEach((b) => b.addEventListener("click", () => label(b.dataset.label)));
  $("skip").addEventListener("click", skip);
  $("invalid").addEventListener("click", markInvalid);
  $("undo").addEventListener("click", undo);

  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || event.repeat) return;
    const target = event.target;
    if (target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    const key = event.key.toLowerCase();
    if (/^[1-9]$/.test(key)) {
      const button = labelButtons[Number(key) - 1];
      if (button) {
        event.preventDefault();
        label(button.dataset.label);
      }
    } else if (key === "s") {
      event.preventDefault();
      skip();
    } else if (key === "x") {
      if (state.current && state.current.synthetic) {
        event.preventDefault();
        markInvalid();
      }
    } else if (key === "u") {
      event.preventDefault();
      undo();
    }
  });

  advance();
})();
