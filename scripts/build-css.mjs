// Builds the portal's one stylesheet and its icon sprite from the design system, keeping only what the site uses.
//
//   node scripts/build-css.mjs OUTPUT_DIR      (the Makefile runs it: `make install`)
//
// OUTPUT_DIR/portal.css: the Scottish Government Design System's rules that match something in our templates, Python
// code or scripts (PurgeCSS), then portal/styles/portal.css whole, minified (clean-css). OUTPUT_DIR/icons.svg: the
// design system's icon sprite with only the icons our templates name. The design system uses no web fonts (its
// font-family is Roboto then the system's sans-serif), so none are served.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { PurgeCSS } from "purgecss";
import CleanCSS from "clean-css";

const DESIGN_SYSTEM = "node_modules/@scottish-government/design-system/dist";
const DESIGN_SYSTEM_SOURCE = "node_modules/@scottish-government/design-system/src";
const output = process.argv[2];
if (!output) {
  console.error("usage: node scripts/build-css.mjs OUTPUT_DIR");
  process.exit(2);
}

// The files of our apps (top-level folders but these), found here rather than by glob patterns.
const NOT_APPS = new Set(["node_modules", "tests", "scripts", "var", "docs", "media", "static_collected"]);
const apps = readdirSync(".", { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !entry.name.startsWith(".") && !NOT_APPS.has(entry.name))
  .map((entry) => entry.name);
const appFiles = (test) =>
  apps.flatMap((app) =>
    readdirSync(app, { recursive: true })
      .map((name) => join(app, name))
      .filter((path) => test(path) && !path.includes("/migrations/")),
  );
const templates = appFiles((path) => path.includes("/templates/") && path.endsWith(".html"));

// The design system's components that our scripts start (DS.components.Accordion...): their sources, with the
// shared base they use, name the state classes they add at run time (ds_accordion-item--open, fully-hidden...).
const ourScripts = appFiles((path) => path.includes("/static/") && path.endsWith(".js") && !path.includes("/vendor/"));
const components = new Set(
  ourScripts.flatMap((path) => [...readFileSync(path, "utf8").matchAll(/DS\.components\.(\w+)/g)].map((m) => m[1])),
);
const componentSources = [...components].map((name) => {
  const folder = name.replace(/(?<=[a-z])(?=[A-Z])/g, "-").toLowerCase();
  const source = `${DESIGN_SYSTEM_SOURCE}/components/${folder}/${folder}.ts`;
  if (!existsSync(source)) {
    console.error(`The source of DS.components.${name} is not at ${source}: teach scripts/build-css.mjs where it is.`);
    process.exit(1);
  }
  return source;
});
// ...and the modules they import, followed from file to file; not the package's index modules, which gather every
// component (a component imports only types from them).
const imported = new Set();
const follow = (source) => {
  if (imported.has(source)) return;
  imported.add(source);
  for (const m of readFileSync(source, "utf8").matchAll(/from\s+["'](\.[^"']+)["']/g)) {
    const base = join(dirname(source), m[1]);
    const found = [`${base}.ts`, `${base}.js`, base].find((p) => existsSync(p) && statSync(p).isFile());
    if (found) follow(found);
  }
};
componentSources.forEach(follow);

// Every template and Python file of the apps (forms set classes on widgets), our scripts and those components.
// The Wagtail admin has its own styles and is not scanned.
const content = [
  ...templates,
  ...appFiles((path) => path.endsWith(".py")),
  ...ourScripts,
  ...imported,
].map((path) => ({ raw: readFileSync(path, "utf8"), extension: "html" }));

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
writeFileSync(join(output, "portal.css"), minified.styles + "\n");
writeFileSync(join(output, "icons.svg"), iconSprite);
console.log(
  `${join(output, "portal.css")}: ${minified.styles.length} bytes ` +
    `(design system ${purged.css.length} of ${designSystemCss.length}); ` +
    `${join(output, "icons.svg")}: ${[...wanted].sort().join(", ")}`,
);
