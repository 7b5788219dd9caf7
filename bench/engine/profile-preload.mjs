// Loaded into the bench's server and worker processes with NODE_OPTIONS=--import (which refuses --cpu-prof): the
// first SIGUSR2 starts the V8 sampling profiler, the second writes what it sampled to BENCH_PROFILE_DIR, so a profile
// covers exactly the bench's measured window and not the start-up or the build.
import fs from "node:fs";
import inspector from "node:inspector";
import path from "node:path";

const dir = process.env.BENCH_PROFILE_DIR;
if (dir) {
  let session = null;
  process.on("SIGUSR2", () => {
    if (!session) {
      session = new inspector.Session();
      session.connect();
      session.post("Profiler.enable");
      session.post("Profiler.setSamplingInterval", { interval: 500 });
      session.post("Profiler.start");
      return;
    }
    const current = session;
    session = null;
    current.post("Profiler.stop", (error, result) => {
      if (!error) {
        const name = `${path.basename(process.argv[1] ?? "node")}-${process.pid}-${Date.now()}.cpuprofile`;
        fs.writeFileSync(path.join(dir, name), JSON.stringify(result.profile));
      }
      current.disconnect();
    });
  });
}
