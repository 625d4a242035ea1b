// Saving self-review answers as they are given (htmx does the saving; this makes it dependable).
// An answer that cannot be saved (no signal, the phone asleep) is kept on this device and sent
// again when the connection comes back, the page is shown again, or the page is next opened.
// The page works without this script: the whole form posts every answer.
(() => {
  const form = document.querySelector("[data-review-form]");
  if (!form || !window.htmx) return;
  const key = `plc-review-${form.dataset.reviewForm}`;
  const SAVED_HEADER = "X-Review-Answer";

  const load = () => {
    try { return JSON.parse(window.localStorage.getItem(key)) || {}; } catch { return {}; }
  };
  const store = (pending) => {
    try {
      if (Object.keys(pending).length) window.localStorage.setItem(key, JSON.stringify(pending));
      else window.localStorage.removeItem(key);
    } catch { /* storage may be off (private browsing): retrying still works while the page is open */ }
  };
  const valuesOf = (fieldset) => {
    const checked = fieldset.querySelector("input[type=radio]:checked");
    const comment = fieldset.querySelector("textarea");
    return { rating: checked ? checked.value : "", comment: comment ? comment.value : "" };
  };
  const say = (fieldset, text, kind) => {
    const status = fieldset.querySelector(".answer-status");
    status.replaceChildren(Object.assign(document.createElement("span"), { textContent: text, className: kind }));
  };
  const keep = (fieldset) => {
    const pending = load();
    pending[fieldset.id] = valuesOf(fieldset);
    store(pending);
    fieldset.dataset.unsaved = "true";
  };
  const done = (fieldset) => {
    const pending = load();
    delete pending[fieldset.id];
    store(pending);
    delete fieldset.dataset.unsaved;
  };
  const question = (event) => {
    const elt = event.detail && event.detail.elt;
    return elt && elt.matches && elt.matches("[data-answer]") ? elt : null;
  };
  const unsaved = (fieldset) => {
    keep(fieldset);
    say(fieldset, "Not saved yet: no connection. It is kept on this phone and saved when you are back online.",
      "text-danger fw-semibold");
  };
  const retry = () => {
    if (navigator.onLine === false) return;
    form.querySelectorAll("[data-answer][data-unsaved]").forEach((fieldset) => htmx.trigger(fieldset, "change"));
  };

  document.body.addEventListener("htmx:beforeRequest", (event) => {
    const fieldset = question(event);
    if (fieldset) keep(fieldset);
  });
  document.body.addEventListener("htmx:beforeSwap", (event) => {
    const fieldset = question(event);
    if (!fieldset) return;
    const xhr = event.detail.xhr;
    if (xhr.status === 400) {
      // The server refused the answer and says why: show it; sending it again would not help.
      event.detail.shouldSwap = true;
      event.detail.isError = false;
      done(fieldset);
    } else if (xhr.status === 200 && !xhr.getResponseHeader(SAVED_HEADER)) {
      // Not our reply (a sign-in page after the session ended, a captive portal): not saved.
      event.detail.shouldSwap = false;
      keep(fieldset);
      say(fieldset, "Not saved yet: reload the page (you may need to sign in again). Your answer is kept on this phone.",
        "text-danger fw-semibold");
    }
  });
  document.body.addEventListener("htmx:afterRequest", (event) => {
    const fieldset = question(event);
    if (fieldset && event.detail.successful && event.detail.xhr.getResponseHeader(SAVED_HEADER)) done(fieldset);
  });
  for (const name of ["htmx:sendError", "htmx:timeout", "htmx:responseError"]) {
    document.body.addEventListener(name, (event) => {
      const fieldset = question(event);
      if (fieldset) unsaved(fieldset);
    });
  }
  window.addEventListener("online", retry);
  document.addEventListener("visibilitychange", () => { if (document.visibilityState === "visible") retry(); });
  window.setInterval(() => { if (form.querySelector("[data-unsaved]")) retry(); }, 20000);

  // Answers given here that never reached the server: put them back and send them.
  const pending = load();
  for (const [id, values] of Object.entries(pending)) {
    const fieldset = document.getElementById(id);
    if (!fieldset || !fieldset.matches("[data-answer]")) { delete pending[id]; continue; }
    const now = valuesOf(fieldset);
    if (now.rating === values.rating && now.comment === values.comment) { delete pending[id]; continue; }
    const radio = values.rating && fieldset.querySelector(`input[type=radio][value="${CSS.escape(values.rating)}"]`);
    if (radio) radio.checked = true;
    const comment = fieldset.querySelector("textarea");
    if (comment && values.comment) {
      comment.value = values.comment;
      comment.closest("details").open = true;
    }
    fieldset.dataset.unsaved = "true";
  }
  store(pending);
  retry();
})();
