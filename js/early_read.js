// Reads the stored workspace while the wasm downloads and compiles. The browser's own base64
// and inflate run here in native code, at no cost to the start, where the same work in wasm
// would run in its slowest, first-run tier after the download. Nothing is written: whatever
// fails here resolves to null, and the console reads storage itself as before.

const HEAD = 'org-console.head';
const COMPACT = 'deflate:';

/** The current snapshot's JSON, as UTF-8 bytes, with the head it was read under; or null. */
export function readSnapshot() {
  return new Promise((resolve) => setTimeout(resolve)).then(read).catch(() => null);
}

async function read() {
  const head = localStorage.getItem(HEAD);
  const stored = head && localStorage.getItem(`org-console.snapshot.${JSON.parse(head).slot}`);
  if (!stored?.startsWith(COMPACT) || typeof DecompressionStream !== 'function') return null;
  const deflated = bytesOf(stored.slice(COMPACT.length));
  const inflated = new Blob([deflated]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  // Bytes, not a string: wasm copies bytes in one go, and checks them as UTF-8 itself.
  const json = new Uint8Array(await new Response(inflated).arrayBuffer());
  return { head, json };
}

function bytesOf(base64) {
  if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(base64, { lastChunkHandling: 'strict' });
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

// Started when the page loads this module, before the wasm is fetched: the read itself waits
// for the next task, so the fetch goes first.
const started = readSnapshot();

/** The read started with the page. */
export function startedSnapshotRead() {
  return started;
}
