// A worker thread that takes messages and never answers: how a hung encoder thread looks to the pool.
import { parentPort } from "node:worker_threads";

parentPort.on("message", () => {});
