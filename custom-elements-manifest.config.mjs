export default {
  globs: ['src/elements/**/*.component.ts'],
  outdir: '.',
  litelement: true,
  dev: false,
  // package.json already names the manifest; the analyzer must not rewrite it (check:manifest runs it in a temp dir).
  packagejson: false,
};
