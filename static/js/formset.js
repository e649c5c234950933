// "Tambah baris" for Django formsets: clones <template id="PREFIX-empty"> into the body
// marked data-formset-body="PREFIX" and bumps PREFIX-TOTAL_FORMS.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-formset-add]");
  if (!button) return;
  const prefix = button.dataset.formsetAdd;
  const total = document.getElementById(`id_${prefix}-TOTAL_FORMS`);
  const template = document.getElementById(`${prefix}-empty`);
  const body = document.querySelector(`[data-formset-body="${prefix}"]`);
  const index = Number(total.value);
  body.insertAdjacentHTML("beforeend", template.innerHTML.replaceAll("__prefix__", index));
  total.value = index + 1;
  body.lastElementChild.querySelector("input, textarea")?.focus();
  button.closest("form")?.dispatchEvent(new Event("formset:changed"));
});
