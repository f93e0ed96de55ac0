// The bench's raw baselines run here, in a Node process of their own, the way a script calling the
// API would: the sandbox lives inside the bench process, and a client in that same process would
// skip the hop between processes that the app (and any real client) pays on every request.
// One JSON command per stdin line: {id, steps: [{requests: [{method, url, headers, body}], concurrency}]};
// steps run in order, each step's requests `concurrency` at a time. Answers {id, ms, error} on stdout,
// timed here so the bench-to-runner hop is not counted.
import readline from 'node:readline';

async function runStep({ requests, concurrency }) {
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < requests.length; i = next++) {
      const { method, url, headers, body } = requests[i];
      const res = await fetch(url, { method, headers, body });
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${url} answered ${res.status}: ${text}`);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, requests.length)) }, worker));
}

readline.createInterface({ input: process.stdin }).on('line', async (line) => {
  const { id, steps } = JSON.parse(line);
  const started = performance.now();
  let error = null;
  try {
    for (const step of steps) await runStep(step);
  } catch (caught) {
    error = String(caught?.message ?? caught);
  }
  process.stdout.write(`${JSON.stringify({ id, ms: performance.now() - started, error })}\n`);
});
