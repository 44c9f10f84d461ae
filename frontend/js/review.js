// Review page: a label's key (1-9, 0) picks it, Enter takes the suggested label, K keeps the current one.
(function () {
  const form = document.getElementById('review-form');
  if (!form) {
    return;
  }
  const buttons = Array.from(form.querySelectorAll('button[name="label"]'));
  document.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    const target = event.target;
    if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA')) {
      return;
    }
    let button = null;
    if (event.key === 'Enter') {
      button = buttons.find((b) => b.dataset.suggested === 'true');
    } else if (event.key === 'k' || event.key === 'K') {
      button = buttons.find((b) => b.dataset.current === 'true');
    } else {
      button = buttons.find((b) => b.dataset.key === event.key);
    }
    if (button) {
      event.preventDefault();
      button.click();
    }
  });
})();
