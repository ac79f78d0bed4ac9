// A small static file server, so the bench needs nothing but Node to serve the console's dist
// and the baseline side by side on free ports.

import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  // instantiateStreaming insists on this type for the wasm.
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
};

/** The first of `roots` that holds `path` as a file, or null. */
async function locate(roots, path) {
  for (const root of roots) {
    const file = join(root, path);
    try {
      if ((await stat(file)).isFile()) return file;
    } catch {
      // Not in this root: try the next.
    }
  }
  return null;
}

/**
 * Serves the files of `roots` (the first that has a path wins) at http://127.0.0.1:<free port>/.
 * With `fallback`, a path that names no file gets that file, as a single-page app's host does.
 * Resolves to { url, close }.
 */
export async function serveStatic(roots, { fallback = null } = {}) {
  const server = createServer(async (request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url, 'http://x').pathname));
    const wanted = path.endsWith('/') ? join(path, 'index.html') : path;
    const file = (await locate(roots, wanted)) ?? (fallback && (await locate(roots, fallback)));
    if (!file) {
      response.writeHead(404).end('not found');
      return;
    }
    const body = await readFile(file);
    // No caching headers: every cold start runs in a fresh browser context anyway.
    response.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
    response.end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
