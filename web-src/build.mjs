// Builds the UI into ../newsgraph/web/static/ (committed, so that a pip install works offline):
// one minified bundle per page, the CSS, the country shapes and the libraries' licences.
import { build } from "esbuild";
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "newsgraph", "web", "static");
const nm = join(here, "node_modules");

rmSync(out, { recursive: true, force: true });
for (const d of ["js", "css", "data", "licenses"]) mkdirSync(join(out, d), { recursive: true });

await build({
  entryPoints: ["search", "actor", "event"].map((n) => join(here, "src", `${n}.js`)),
  outdir: join(out, "js"),
  bundle: true,
  minify: true,
  format: "iife",
  target: ["es2020"],
  legalComments: "none", // the licences are copied to static/licenses/
  logLevel: "info",
});

copyFileSync(join(here, "src", "css", "app.css"), join(out, "css", "app.css"));
copyFileSync(join(here, "src", "favicon.svg"), join(out, "favicon.svg"));
// Leaflet's CSS without the rules that fetch its marker images (the map draws circle markers).
const leafletCss = readFileSync(join(nm, "leaflet", "dist", "leaflet.css"), "utf8")
  .replace(/url\(images\/[^)]*\)/g, "none");
writeFileSync(join(out, "css", "leaflet.css"), leafletCss);
// Country shapes at 1:110m (Natural Earth, public domain), TopoJSON: ~105 kB.
copyFileSync(join(nm, "world-atlas", "countries-110m.json"), join(out, "data", "countries-110m.json"));

const licences = {
  "cytoscape.txt": join(nm, "cytoscape", "LICENSE"),
  "leaflet.txt": join(nm, "leaflet", "LICENSE"),
  "topojson-client.txt": join(nm, "topojson-client", "LICENSE"),
  "world-atlas.txt": join(nm, "world-atlas", "LICENSE"),
};
for (const [name, src] of Object.entries(licences)) copyFileSync(src, join(out, "licenses", name));
writeFileSync(
  join(out, "licenses", "README.txt"),
  "Third-party code and data bundled into the newsgraph web UI (js/*.js, css/leaflet.css, data/):\n" +
    Object.keys(licences).map((n) => `- ${n.replace(/\.txt$/, "")}: see ${n}`).join("\n") +
    "\nThe country shapes (data/countries-110m.json) are Natural Earth data (public domain) as packaged by world-atlas.\n",
);
console.log("built into", out);
