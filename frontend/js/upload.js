// The upload page: sends the file as the raw body (its format by Content-Type), shows the bytes
// sent, then the report with each rejected row. Row text is untrusted: textContent only.
(() => {
  "use strict";

  const main = document.querySelector("main.upload");
  if (!main) return;

  const texts = JSON.parse(main.dataset.texts);
  const csrfToken = document.querySelector('meta[name="csrf-token"]')?.content;
  const csrfHeader = document.querySelector('meta[name="csrf-header"]')?.content;
  const $ = (id) => document.getElementById(id);
  const format = (template, ...args) => template.replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i)] ?? ""));

  const TYPES = { csv: "text/csv", ndjson: "application/x-ndjson", jsonl: "application/x-ndjson", json: "application/json" };

  function contentType(file) {
    const extension = file.name.split(".").pop().toLowerCase();
    return TYPES[extension] || file.type || "application/octet-stream";
  }

  function state(message, failed) {
    const line = $("upload-state");
    line.textContent = message;
    line.classList.toggle("notice", Boolean(failed));
    line.classList.toggle("notice-error", Boolean(failed));
    line.classList.toggle("muted", !failed);
    // a full bar would say the upload went through
    $("upload-meter").hidden = Boolean(failed);
  }

  function showReport(report) {
    $("report").hidden = false;
    $("report-received").textContent = report.received;
    $("report-created").textContent = report.created;
    $("report-duplicates").textContent = report.duplicates;
    $("report-rejected").textContent = report.rejectedCount;
    const rows = report.rejected || [];
    $("rejections").hidden = rows.length === 0;
    $("rejections-note").textContent = report.rejectedCount > rows.length ? format(texts.firstShown, rows.length, report.rejectedCount) : "";
    $("rejections-body").replaceChildren(...rows.map((r) => {
      const tr = document.createElement("tr");
      const line = tr.insertCell();
      line.className = "num";
      line.textContent = r.line;
      tr.insertCell().textContent = r.externalId ?? "–";
      tr.insertCell().textContent = r.error;
      return tr;
    }));
  }

  $("upload-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const file = $("file").files[0];
    if (!file) return;
    const button = $("upload-button");
    button.disabled = true;
    $("report").hidden = true;
    $("upload-progress").hidden = false;
    $("upload-meter").value = 0;
    state(format(texts.sending, 0));

    const xhr = new XMLHttpRequest();
    xhr.open("POST", main.dataset.action);
    xhr.setRequestHeader("Content-Type", contentType(file));
    xhr.setRequestHeader("Accept", "application/json");
    if (csrfHeader && csrfToken) xhr.setRequestHeader(csrfHeader, csrfToken);
    xhr.upload.addEventListener("progress", (e) => {
      if (!e.lengthComputable) return;
      const percent = Math.round((e.loaded / e.total) * 100);
      $("upload-meter").value = percent;
      state(percent < 100 ? format(texts.sending, percent) : texts.processing);
    });
    xhr.upload.addEventListener("load", () => state(texts.processing));
    xhr.addEventListener("load", () => {
      button.disabled = false;
      let body = {};
      try { body = JSON.parse(xhr.responseText); } catch { /* not JSON */ }
      if (xhr.status >= 200 && xhr.status < 300) {
        $("upload-meter").value = 100;
        state(texts.done);
        showReport(body);
      } else {
        state(format(texts.failed, body.detail || xhr.statusText || xhr.status), true);
      }
    });
    xhr.addEventListener("error", () => {
      button.disabled = false;
      state(format(texts.failed, xhr.statusText || "network"), true);
    });
    xhr.send(file);
  });
})();
