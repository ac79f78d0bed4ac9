// Summaries of repeated measurements: the median and the 95th percentile (nearest rank), so a
// single slow run shows in p95 without moving the median.

function sorted(samples) {
  return [...samples].sort((a, b) => a - b);
}

export function median(samples) {
  const s = sorted(samples);
  const middle = Math.floor(s.length / 2);
  return s.length % 2 ? s[middle] : (s[middle - 1] + s[middle]) / 2;
}

/** Nearest-rank p95: with 5 to 19 samples it is the largest. */
export function p95(samples) {
  const s = sorted(samples);
  return s[Math.max(0, Math.ceil(0.95 * s.length) - 1)];
}

/** { median, p95, samples } of the numbers in `samples`, or null when there are none. */
export function summarize(samples) {
  const numbers = samples.filter((x) => typeof x === 'number' && Number.isFinite(x));
  if (numbers.length === 0) return null;
  const round = (x) => Math.round(x * 100) / 100;
  return { median: round(median(numbers)), p95: round(p95(numbers)), samples: numbers.map(round) };
}
