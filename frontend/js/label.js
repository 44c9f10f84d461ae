// The labeling page: one item at a time, the next one already claimed. Each label has the key shown
// on its button, Enter takes the model's suggestion, / filters the labels, S skips, U undoes.
// The page's leases are short and renewed while it is open and used, and handed back when it
// closes or its annotator is away, so that items nobody is looking at do not hold the budget.
// Item content is untrusted: it only ever reaches the page through textContent and attributes.
(() => {
  "use strict";

  const main = document.querySelector("main.labeling");
  if (!main) return;

  const base = main.dataset.base;
  const texts = JSON.parse(main.dataset.texts);
  const undoMillis = Number(main.dataset.undoSeconds) * 1000;
  const heartbeatMillis = Number(main.dataset.heartbeatSeconds) * 1000;
  const idleMillis = Number(main.dataset.idleSeconds) * 1000;
  const csrfToken = document.querySelector('meta[name="csrf-token"]')?.content;
  const csrfHeader = document.querySelector('meta[name="csrf-header"]')?.content;

  const $ = (id) => document.getElementById(id);
  const labelButtons = [...document.querySelectorAll(".btn-label")];
  const labelOrder = labelButtons.map((b) => b.dataset.label);
  const buttonOfKey = new Map(labelButtons.filter((b) => b.dataset.key).map((b) => [b.dataset.key, b]));
  const buttonOfLabel = new Map(labelButtons.map((b) => [b.dataset.label, b]));
  const filter = $("label-filter");
  const viewers = window.LabelloopViewer;

  const state = { current: null, ahead: [], emptyReason: null, held: null, busy: false, refilling: null, last: null,
    viewer: null, lastActivity: Date.now(), away: false };

  const format = (template, ...args) => template.replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i)] ?? ""));

  function headers() {
    const out = { Accept: "application/json" };
    if (csrfHeader && csrfToken) out[csrfHeader] = csrfToken;
    return out;
  }

  async function post(path, params) {
    const body = params ? new URLSearchParams(params) : undefined;
    const response = await fetch(base + path, { method: "POST", headers: headers(), body, credentials: "same-origin" });
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
        state.held = batch.heldByOthers;
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
    $("flag").disabled = !item;
    closeFlagForm();
    $("invalid").hidden = !(item && item.synthetic);
    $("invalid").disabled = !(item && item.synthetic);
    $("undo").disabled = !undoable();
    state.viewer = null;
    if (empty) {
      $("item-heading").textContent = "";
      $("why").hidden = true;
      renderEmptyReason();
      renderSuggestion(null);
      if ($("similar")) $("similar").hidden = true;
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
    renderSimilar(item);
  }

  // TEXT items: the labeled items nearest in meaning, so that like cases get like labels. Nothing shows
  // until the item is embedded or when nothing labeled is close, and an answer that arrives after the next
  // item is on show is dropped.
  async function renderSimilar(item) {
    const card = $("similar");
    if (!card) return;
    state.similarFor = item.itemId;
    try {
      const response = await fetch(base + "/" + item.itemId + "/similar?limit=3",
        { headers: headers(), credentials: "same-origin" });
      // below this cosine two sentence embeddings share next to no meaning: not worth an annotator's glance
      const hits = (response.ok ? await response.json() : []).filter((hit) => hit.similarity >= 0.1);
      if (state.similarFor !== item.itemId || state.current !== item) return;
      card.hidden = hits.length === 0;
      $("similar-list").replaceChildren(...hits.map((hit) => {
        const li = document.createElement("li");
        const label = document.createElement("strong");
        label.textContent = hit.label;
        const text = document.createElement("span");
        text.className = "similar-text";
        const whole = hit.text || "";
        text.textContent = whole.length > 200 ? whole.slice(0, 200) + "\u2026" : whole;
        const score = document.createElement("span");
        score.className = "muted";
        score.textContent = format(texts.similarAlike, hit.similarity.toFixed(2));
        li.append(label, text, score);
        return li;
      }));
    } catch (e) {
      card.hidden = true;
    }
  }

  // Spent means spent; budget left but held by others' leases says who holds it and until when,
  // and the page keeps asking, so it goes on by itself once they free up.
  function renderEmptyReason() {
    const held = state.held;
    const waiting = state.emptyReason === "BUDGET_EXHAUSTED" && held && held.count > 0 && held.budgetLeft > 0;
    const until = waiting ? new Date(held.until).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }) : "";
    $("empty-reason").textContent = waiting
      ? format(held.count === 1 ? texts.heldByOthersOne : texts.heldByOthers, held.count, until)
      : texts["empty." + state.emptyReason] || "";
    $("empty").dataset.reason = waiting ? "HELD" : state.emptyReason;
    const settings = $("budget-settings");
    if (settings) settings.hidden = waiting || state.emptyReason !== "BUDGET_EXHAUSTED";
  }

  function imageViewer(element) {
    element.setAttribute("role", "img");
    state.viewer = viewers.create(element, texts);
    return state.viewer.element;
  }

  // Tabular items: a compact grid, the columns in the page's order (the lead's first, then those that matter
  // most to the current model; hidden ones left out); without that order, the item's own.
  function featureGrid(features) {
    const columns = state.columns && state.columns.columns.length > 0 ? state.columns.columns
      : Object.keys(features).map((name) => ({ name, importance: null, pinned: false }));
    const hidden = new Set(state.columns ? state.columns.hidden : []);
    const wrap = document.createElement("div");
    wrap.className = "feature-grid-wrap";
    const caption = document.createElement("p");
    caption.className = "feature-caption muted";
    caption.id = "feature-caption";
    caption.textContent = state.columns && state.columns.modelVersion != null
      ? format(texts.columnsByModel, state.columns.modelVersion) : texts.columnsNoModel;
    wrap.appendChild(caption);
    const grid = document.createElement("dl");
    grid.className = "feature-grid";
    grid.setAttribute("aria-describedby", "feature-caption");
    for (const column of columns) {
      if (!(column.name in features) || hidden.has(column.name)) continue;
      const cell = document.createElement("div");
      cell.className = "feature-cell" + (column.pinned ? " pinned" : "");
      const name = document.createElement("dt");
      name.textContent = column.name;
      name.title = column.name;
      const value = document.createElement("dd");
      const v = features[column.name];
      value.textContent = v == null ? "–" : String(v);
      cell.append(name, value);
      if (column.importance != null) {
        const bar = document.createElement("span");
        bar.className = "feature-importance";
        bar.setAttribute("aria-hidden", "true");
        bar.style.width = Math.max(4, Math.round(column.importance * 100)) + "%";
        cell.appendChild(bar);
      }
      grid.appendChild(cell);
    }
    wrap.appendChild(grid);
    return wrap;
  }

  function content(item) {
    const parts = [];
    const name = format(texts.itemImage, item.externalId || item.itemId);
    if (item.synthetic) parts.push(syntheticNote(item));
    if (item.imageUrl) {
      const img = document.createElement("img");
      img.src = item.imageUrl;
      img.alt = name;
      img.className = "item-image";
      parts.push(imageViewer(img));
    }
    if (item.picture) {
      const canvas = viewers.pictureCanvas(item.picture);
      canvas.className = "item-picture";
      canvas.setAttribute("aria-label", name);
      parts.push(imageViewer(canvas));
    }
    if (item.text != null) {
      const text = document.createElement("div");
      text.className = "item-text";
      text.tabIndex = 0;
      text.textContent = item.text;
      parts.push(text);
    }
    if (item.features && Object.keys(item.features).length > 0) parts.push(featureGrid(item.features));
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
    // with no item on show there is nothing to suggest for, whether or not a model exists
    $("no-suggestion").hidden = Boolean(probabilities) || !state.current;
    bars.hidden = !probabilities;
    labelButtons.forEach((b) => b.classList.toggle("suggested", Boolean(prediction) && b.dataset.label === prediction.label));
    const accept = $("accept");
    accept.disabled = !(prediction && state.current && buttonOfLabel.has(prediction.label));
    $("accept-label").textContent = accept.disabled ? "" : prediction.label;
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

  const acceptSuggestion = () => {
    const prediction = state.current && state.current.prediction;
    if (prediction && buttonOfLabel.has(prediction.label)) label(prediction.label);
    else if (state.current) say(texts.noSuggestionYet);
  };

  labelButtons.forEach((b) => b.addEventListener("click", () => label(b.dataset.label)));
  $("accept").addEventListener("click", acceptSuggestion);
  $("skip").addEventListener("click", skip);
  $("invalid").addEventListener("click", markInvalid);
  $("undo").addEventListener("click", undo);
  // A button clicked with the mouse gives the focus back, so that Enter then means the suggestion.
  main.addEventListener("click", (event) => {
    const button = event.target instanceof Element && event.target.closest("button");
    if (button && event.detail > 0 && !button.closest(".viewer")) button.blur();
  });

  // Type-to-filter: the labels whose name contains the text stay; Enter picks the first of them.
  function applyFilter() {
    const query = filter.value.trim().toLowerCase();
    let shown = 0;
    labelButtons.forEach((b) => {
      const match = !query || b.dataset.label.toLowerCase().includes(query);
      b.hidden = !match;
      if (match) shown++;
    });
    $("filter-status").textContent = shown === 0 ? texts.noMatch : "";
  }

  function clearFilter() {
    filter.value = "";
    applyFilter();
    filter.blur();
  }

  if (filter) {
    filter.addEventListener("input", applyFilter);
    filter.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.preventDefault();
        const first = labelButtons.find((b) => !b.hidden);
        if (first && filter.value.trim()) {
          clearFilter();
          label(first.dataset.label);
        }
      } else if (event.key === "Escape") {
        event.preventDefault();
        clearFilter();
      }
    });
  }

  // A flag for the lead ("unsure", "problem") with a note: it neither labels nor skips the item.
  const flagForm = $("flag-form");
  function closeFlagForm() {
    if (!flagForm.hidden) {
      flagForm.hidden = true;
      flagForm.reset();
    }
  }
  $("flag").addEventListener("click", () => {
    flagForm.hidden = false;
    flagForm.querySelector("input[name=kind]").focus();
  });
  $("flag-cancel").addEventListener("click", () => {
    closeFlagForm();
    $("flag").focus();
  });
  flagForm.addEventListener("submit", (event) => {
    event.preventDefault();
    if (!state.current) return;
    const data = new FormData(flagForm);
    act(async () => {
      await post("/" + state.current.itemId + "/flag", { kind: data.get("kind"), note: data.get("note") || "" });
      closeFlagForm();
      say(texts.flagged);
    });
  });

  // The lead's instructions: open until the annotator closes them; the choice is kept per project.
  const guide = document.getElementById("guide");
  if (guide) {
    const stored = "labelloop.guide." + guide.dataset.project;
    try {
      if (localStorage.getItem(stored) === "closed") guide.open = false;
    } catch (e) { /* storage off: the guide stays open */ }
    guide.addEventListener("toggle", () => {
      try { localStorage.setItem(stored, guide.open ? "open" : "closed"); } catch (e) { /* storage off */ }
    });
  }

  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || event.repeat) return;
    const target = event.target;
    if (target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    const key = event.key.toLowerCase();
    if (key === "enter") {
      // Enter on a focused button or link keeps its usual meaning.
      if (target instanceof Element && target.closest("button, a, summary")) return;
      event.preventDefault();
      acceptSuggestion();
    } else if (buttonOfKey.has(key)) {
      event.preventDefault();
      label(buttonOfKey.get(key).dataset.label);
    } else if (key === "?" && guide) {
      event.preventDefault();
      guide.open = !guide.open;
    } else if (key === "/" && filter) {
      event.preventDefault();
      filter.focus();
    } else if ((key === "+" || key === "=") && state.viewer) {
      event.preventDefault();
      state.viewer.zoomIn();
    } else if (key === "-" && state.viewer) {
      event.preventDefault();
      state.viewer.zoomOut();
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

  // Leases: renewed on a heartbeat while the annotator is here, handed back when they leave.
  const heldIds = () => [state.current, ...state.ahead].filter(Boolean).map((item) => item.itemId);

  function releaseHeld(keepalive) {
    const ids = heldIds();
    if (ids.length === 0) return;
    fetch(base + "/release", { method: "POST", keepalive, headers: headers(), credentials: "same-origin",
      body: new URLSearchParams({ items: ids.join(",") }) }).catch(() => {});
  }

  // An item someone else took meanwhile (after this page let it go) is dropped; the next one comes up.
  async function renew() {
    const ids = heldIds();
    if (ids.length === 0) return;
    const answer = await post("/renew", { items: ids.join(",") });
    const lost = new Set(answer.lost);
    if (lost.size === 0) return;
    state.ahead = state.ahead.filter((item) => !lost.has(item.itemId));
    if (state.current && lost.has(state.current.itemId)) {
      say(texts.itemTaken, true);
      await advance();
    } else {
      refill();
    }
  }

  // With nothing to show, the page asks again: items others held may be free, the budget raised, new items uploaded.
  async function claimAgain() {
    const batch = await post("/claim", { count: 2 });
    showProgress(batch.progress);
    state.held = batch.heldByOthers;
    if (batch.items.length === 0) {
      state.emptyReason = batch.emptyReason || "POOL_EXHAUSTED";
      renderEmptyReason();
      return;
    }
    state.ahead.push(...batch.items);
    batch.items.forEach(preloadImage);
    state.emptyReason = null;
    await advance();
  }

  function heartbeat() {
    if (state.busy || state.away) return;
    if (Date.now() - state.lastActivity > idleMillis) {
      state.away = true;
      releaseHeld(false);
      say(texts.away);
      return;
    }
    if (!state.current && state.ahead.length === 0 && /^(BUDGET|POOL)_EXHAUSTED$/.test(state.emptyReason || "")) {
      act(claimAgain);
      return;
    }
    act(renew);
  }

  function active() {
    state.lastActivity = Date.now();
    if (!state.away) return;
    state.away = false;
    say("");
    act(renew);
  }

  ["keydown", "pointerdown", "wheel", "touchstart"].forEach((type) =>
    document.addEventListener(type, active, { capture: true, passive: true }));
  setInterval(heartbeat, heartbeatMillis);
  window.addEventListener("pagehide", () => releaseHeld(true));
  window.addEventListener("pageshow", (event) => {
    if (event.persisted) active();
  });
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") heartbeat();
  });

  // A TABULAR project's column order comes first, so that the first item already shows it.
  async function loadColumns() {
    if (main.dataset.taskType !== "TABULAR") return;
    try {
      const response = await fetch(base + "/columns", { headers: headers(), credentials: "same-origin" });
      if (response.ok) state.columns = await response.json();
    } catch (e) { /* the item's own order */ }
  }

  loadColumns().finally(advance);
})();
