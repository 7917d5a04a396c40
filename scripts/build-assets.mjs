// Builds what every public page loads, from the Scottish Government Design System, keeping only what the site uses.
//
//   node scripts/build-assets.mjs OUTPUT_DIR      (the Makefile runs it: `make install`, `make assets`)
//
// OUTPUT_DIR/portal.js: portal/scripts/portal.js with the design system components it imports, bundled and minified
// (esbuild), for browsers from 2017 on. OUTPUT_DIR/portal.css: the design system's rules that match something in our
// templates, Python code or that script (PurgeCSS), then portal/styles/portal.css whole, minified (clean-css).
// OUTPUT_DIR/icons.svg: the design system's icon sprite with only the icons our templates name. The design system
// uses no web fonts (its font-family is Roboto, then the system's sans-serif), so none are served.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import CleanCSS from "clean-css";
import { build } from "esbuild";
import { PurgeCSS } from "purgecss";

const DESIGN_SYSTEM = "node_modules/@scottish-government/design-system/dist";
const output = process.argv[2];
if (!output) {
  console.error("usage: node scripts/build-assets.mjs OUTPUT_DIR");
  process.exit(2);
}

// The script: ours and the components it starts, nothing else of the design system (its full script is 97 KB).
const bundled = await build({
  entryPoints: ["portal/scripts/portal.js"],
  bundle: true,
  minify: true,
  format: "esm",
  target: ["es2017"],
  write: false,
  logLevel: "warning",
});
const script = bundled.outputFiles[0].text;

// The files of our apps (top-level folders but these), found here rather than by glob patterns.
const NOT_APPS = new Set(["node_modules", "tests", "scripts", "var", "docs", "media", "static_collected"]);
const apps = readdirSync(".", { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !entry.name.startsWith(".") && !NOT_APPS.has(entry.name))
  .map((entry) => entry.name);
const appFiles = (test) =>
  apps.flatMap((app) =>
    readdirSync(app, { recursive: true })
      .map((name) => join(app, name))
      .filter((path) => test(path) && !path.includes("/migrations/") && !path.includes("/static/build/")),
  );
const templates = appFiles((path) => path.includes("/templates/") && path.endsWith(".html"));

// Every template and Python file of the apps (forms set classes on widgets), and the script as built, which names the
// state classes its components add at run time (ds_site-navigation--open, fully-hidden...). The Wagtail admin has its
// own styles and is not scanned.
const content = [
  ...[...templates, ...appFiles((path) => path.endsWith(".py"))].map((path) => readFileSync(path, "utf8")),
  script,
].map((raw) => ({ raw, extension: "html" }));

const designSystemCss = readFileSync(`${DESIGN_SYSTEM}/css/design-system.min.css`, "utf8");
const [purged] = await new PurgeCSS().purge({
  css: [{ raw: designSystemCss }],
  content,
  // Class names as the design system writes them, utilities included (ds_!_margin-top--0).
  defaultExtractor: (text) => text.match(/[A-Za-z0-9_!-]+/g) || [],
  safelist: {
    // Element selectors (the base typography) stay: rich text from editors brings elements no template names.
    // The pattern also keeps the few one-word classes (.alpha, .active), which cost nothing.
    standard: [/^[a-z][a-z0-9]*$/, "js-enabled", "no-js"],
  },
  keyframes: true,
  fontFace: true,
});

const ours = readFileSync("portal/styles/portal.css", "utf8");
const minified = new CleanCSS({ level: 1 }).minify(purged.css + "\n" + ours);
if (minified.errors.length) {
  console.error(minified.errors.join("\n"));
  process.exit(1);
}

// The icon sprite: one nested <svg id="..."> per icon. Keep those our templates name ("...icons.svg' %}#menu").
const sprite = readFileSync(`${DESIGN_SYSTEM}/images/icons/icons.stack.svg`, "utf8");
const icons = new Map([...sprite.matchAll(/<svg [^>]*id="([^"]+)"[^>]*>.*?<\/svg>/gs)].map((m) => [m[1], m[0]]));
const wanted = new Set();
for (const file of templates) {
  for (const m of readFileSync(file, "utf8").matchAll(/icons\.svg' %\}#([A-Za-z0-9_-]+)/g)) wanted.add(m[1]);
}
const missing = [...wanted].filter((id) => !icons.has(id));
if (missing.length) {
  console.error(`Icons named in templates but not in the design system: ${missing.join(", ")}`);
  process.exit(1);
}
const head = sprite.slice(0, sprite.indexOf("<svg ", sprite.indexOf("</style>")));
const iconSprite = head + [...wanted].sort().map((id) => icons.get(id)).join("") + "</svg>";

mkdirSync(output, { recursive: true });
writeFileSync(join(output, "portal.js"), script);
writeFileSync(join(output, "portal.css"), minified.styles + "\n");
writeFileSync(join(output, "icons.svg"), iconSprite);
console.log(
  `${output}: portal.js ${script.length} bytes; portal.css ${minified.styles.length} bytes ` +
    `(design system ${purged.css.length} of ${designSystemCss.length}); icons.svg ${[...wanted].sort().join(", ")}`,
);
