// Copies the front-end assets Uitweg serves itself (no CDN) from node_modules into static/vendor.
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "src/uitweg/static/vendor");
mkdirSync(out, { recursive: true });
const files = {
  "@utrecht/component-library-css/dist/index.css": "utrecht.css",
  "@gemeente-denhaag/design-tokens-components/dist/theme/index.css": "denhaag-theme.css",
  "htmx.org/dist/htmx.min.js": "htmx.min.js",
};
for (const [source, target] of Object.entries(files)) {
  copyFileSync(join(root, "node_modules", source), join(out, target));
  console.log(`static/vendor/${target} <- ${source}`);
}
