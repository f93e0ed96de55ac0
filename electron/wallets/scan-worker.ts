import { parentPort } from 'node:worker_threads';
import { setLogSink } from '../log';
import { READY, runScanJob, type JobBatch, type ScanJob } from './scan-job';

/** The wallet scan helper thread (parallel-scan.ts): one job per message, answered in order. */
// Nothing here logs by design; anything that would goes nowhere rather than to a second log file.
setLogSink(() => undefined);
let queue = Promise.resolve();
parentPort?.on('message', (job: ScanJob) => {
  queue = queue.then(() => runScanJob(job, (batch: JobBatch) => parentPort?.postMessage(batch)));
});
parentPort?.postMessage(READY);
