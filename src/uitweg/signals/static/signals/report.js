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
  sync();
});
