// Reads the stored workspace while the wasm downloads and compiles. The browser's own base64
// and inflate run here in native code, at no cost to the start, where the same work in wasm
// would run in its slowest, first-run tier after the download. Nothing is written: whatever
// fails here resolves to null, and the console reads storage itself as before.

// As src/persistence.rs and rules/src/snapshot.rs name them; tests/browser/storage.rs fails
// if they part.
const HEAD = 'org-console.head';
const COMPACT = 'deflate:';
// As rules/src/snapshot.rs limits inflating: far above 10,000 users, far below a bomb.
const MAX_JSON_BYTES = 256 * 1024 * 1024;
// Far beyond the tenth of a second a large workspace takes here.
const GIVE_UP_MS = 5000;

/** The current snapshot's JSON, as UTF-8 bytes, with the head it was read under; or null. */
export function readSnapshot() {
  // The next task, so that if the console's glue code starts this read, it first calls the
  // loader that fetches and compiles the wasm; begun from index.html, it waits for nothing.
  const reading = new Promise((resolve) => setTimeout(resolve)).then(read).catch(() => null);
  // The console starts when this settles: a read that never ends must not keep it blank.
  const givenUp = new Promise((resolve) => setTimeout(() => resolve(null), GIVE_UP_MS));
  return Promise.race([reading, givenUp]);
}

async function read() {
  const head = localStorage.getItem(HEAD);
  const stored = head && localStorage.getItem(`org-console.snapshot.${JSON.parse(head).slot}`);
  const encoded = stored?.startsWith(COMPACT) && stored.slice(COMPACT.length);
  // Only as strict a base64 as the console's own reading; other browsers read the long way.
  const native = typeof Uint8Array.fromBase64 === 'function' && typeof DecompressionStream === 'function';
  if (!encoded || !native) return null;
  const deflated = Uint8Array.fromBase64(encoded, { lastChunkHandling: 'strict' });
  // The browser skips whitespace, which the console refuses: a text with any decodes short.
  if (deflated.length !== decodedLength(encoded)) return null;
  const inflated = new Blob([deflated]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  const json = await bytesOf(inflated);
  return json && { head, json };
}

/** How many bytes base64 text of this length and padding holds, if it has no whitespace. */
function decodedLength(encoded) {
  const padding = encoded.endsWith('==') ? 2 : encoded.endsWith('=') ? 1 : 0;
  return encoded.length % 4 === 0 ? (encoded.length / 4) * 3 - padding : -1;
}

/** The stream's bytes in one array (wasm copies them in one go, and checks them as UTF-8
 *  itself), or null past the limit. The browser gathers the chunks itself, faster than a
 *  loop here over each. */
async function bytesOf(stream) {
  let length = 0;
  const capped = stream.pipeThrough(
    new TransformStream({
      transform(chunk, controller) {
        length += chunk.length;
        if (length > MAX_JSON_BYTES) throw new RangeError('past the limit');
        controller.enqueue(chunk);
      },
    }),
  );
  return new Uint8Array(await new Response(capped).arrayBuffer());
}

// index.html loads this file as a script of its own, so the read starts while the wasm downloads
// rather than once the console's glue code has loaded it (40 to 60 ms later).
// The glue imports it again from another address, as another module: that one takes the read
// already started, or starts it itself if it runs first (always in the browser tests, which
// have no index.html).
const started = (globalThis.orgConsoleEarlyRead ??= readSnapshot());

/** The read started with the page. */
export function startedSnapshotRead() {
  return started;
}
