// Public report form: show the contact fields only when the reporter wants to be contacted.
document.addEventListener("DOMContentLoaded", () => {
  const box = document.getElementById("id_wants_contact");
  if (!box) return;
  const fields = ["id_contact_name", "id_contact_phone", "id_contact_email"]
    .map((id) => document.getElementById(id))
    .filter(Boolean)
    .map((input) => input.closest(".utrecht-form-field"));
  const sync = () => fields.forEach((field) => { field.hidden = !box.checked; });
  box.addEventListener("change", sync);
  // uitweg.js empties the form when the visitor comes Back to it; "reset" fires before the reset.
  if (box.form) box.form.addEventListener("reset", () => window.setTimeout(sync, 0));
  sync();
});
