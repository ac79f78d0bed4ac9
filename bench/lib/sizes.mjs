// Download size: what a first visit transfers, compressed as a static host would serve it.

import { readFile, readdir } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const KINDS = { '.wasm': 'wasm', '.js': 'JS', '.css': 'CSS' };

function compressed(bytes) {
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    }).length,
  };
}

/** { wasm, JS, CSS, total }: each { raw, gzip, brotli } in bytes, summed over dist's files. */
export async function downloadSizes(distDir) {
  const sizes = {};
  const add = (kind, size) => {
    const sum = (sizes[kind] ??= { raw: 0, gzip: 0, brotli: 0 });
    for (const key of Object.keys(sum)) sum[key] += size[key];
  };
  // Recursive: wasm-bindgen's snippets (the early read's JS) sit in a folder of their own.
  for (const name of (await readdir(distDir, { recursive: true })).sort()) {
    const kind = KINDS[extname(name)];
    if (!kind) continue;
    const size = compressed(await readFile(join(distDir, name)));
    add(kind, size);
    add('total', size);
  }
  return sizes;
}
