// Project form: a suggested setting's button fills its field; the field's input event refreshes the plan.
document.addEventListener('click', (event) => {
  const button = event.target.closest('[data-apply-field]');
  if (!button) {
    return;
  }
  const field = document.getElementById(button.dataset.applyField);
  if (field) {
    field.value = button.dataset.applyValue;
    field.dispatchEvent(new Event('input', { bubbles: true }));
    field.focus();
  }
});
