import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';
import minifyHtmlLiterals from '@lit-labs/rollup-plugin-minify-html-literals';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * `vite build`: the self-contained, minified `dist/tc-widgets.js` for `<script type="module" src>`,
 * plus one chunk per other language (`tc-widgets-ru-*.js`, `tc-widgets-de-*.js`) that it imports
 * only when the page is in that language. The locale modules import nothing, so the entry imports
 * no chunk statically: served alone, it works in English.
 * (Per-entry ES modules and `.d.ts` come from `tsc -p tsconfig.build.json`.)
 * `vite` (dev): serves the repository so `/demo/` pages can load `/dist/tc-widgets.js`.
 */
export default defineConfig({
  root,
  publicDir: false,
  // Lit templates and styles are strings the JS minifier leaves alone; this collapses their markup and CSS.
  plugins: [{ ...minifyHtmlLiterals({ include: ['src/**/*.ts'], failOnError: true }), apply: 'build' }],
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2022',
    sourcemap: true,
    minify: true,
    lib: {
      entry: fileURLToPath(new URL('src/index.ts', import.meta.url)),
      formats: ['es'],
      fileName: () => 'tc-widgets.js',
    },
    rolldownOptions: {
      preserveEntrySignatures: 'allow-extension',
      output: { minify: true, chunkFileNames: 'tc-widgets-[name]-[hash].js', manualChunks: (id) => (/[\/]src[\/]i18n[\/]locales[\/]/.test(id) ? undefined : 'tc-widgets') },
    },
  },
  server: { host: '127.0.0.1', strictPort: false },
});
