// Bundle the editor for /admin/: node bundle.mjs <output folder>.
//
// The npm build of Sveltia CMS is an ES module that loads its translations, React and its
// image codecs on demand, and its fonts and icons from files beside it: bundled here with
// esbuild, every file is served from our own origin (no CDN, no update check). Syntax
// highlighting (code blocks) would load one module per language: no field of ours uses
// it, so those imports resolve to an empty list.
import { cpSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const outdir = process.argv[2];
if (!outdir) {
  console.error('usage: node bundle.mjs <output folder>');
  process.exit(2);
}
// The package's main module is npm/index.js.
const sveltia = dirname(dirname(require.resolve('@sveltia/cms')));

const noHighlighting = {
  name: 'no-highlighting',
  setup(builder) {
    // One module for all of them, hence one small file.
    builder.onResolve({ filter: /^@shikijs\/(langs|themes)\// }, () => ({
      path: 'empty-list',
      namespace: 'no-highlighting',
    }));
    builder.onLoad({ filter: /.*/, namespace: 'no-highlighting' }, () => ({
      contents: 'export default [];',
      loader: 'js',
    }));
  },
};

// The editor registers its fonts from the files beside it (assets/), but the stylesheet of
// its application shell also declares the same fonts at a CDN, which the browser would
// fetch: those declarations are removed, and the bundle fails if they are not found.
const CDN_FONT = /@font-face \{[^}]*https:\/\/cdn\.jsdelivr\.net\/[^}]*\}/g;
const FONTS = 3;
const ownFonts = {
  name: 'own-fonts',
  setup(builder) {
    builder.onLoad({ filter: /@sveltia[\\/]cms[\\/]npm[\\/]index\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const found = source.match(CDN_FONT)?.length ?? 0;
      if (found !== FONTS) {
        throw new Error(`expected ${FONTS} CDN @font-face rules in ${args.path}, found ${found}`);
      }
      return { contents: source.replace(CDN_FONT, ''), loader: 'js' };
    });
  },
};

rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: [join(here, 'main.js')],
  outdir,
  bundle: true,
  format: 'esm',
  splitting: true,
  minify: true,
  legalComments: 'linked',
  target: 'es2022',
  chunkNames: 'chunks/[name]-[hash]',
  entryNames: '[name]',
  loader: { '.json': 'json', '.wasm': 'file', '.png': 'file', '.woff2': 'file' },
  plugins: [noHighlighting, ownFonts],
  logLevel: 'warning',
});
// Fonts, icons and codecs the editor addresses relative to its own module.
cpSync(join(sveltia, 'npm', 'assets'), join(outdir, 'assets'), {
  recursive: true,
  filter: (source) => !source.endsWith('.map'),
});
