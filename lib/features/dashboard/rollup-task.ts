// The `kpi_rollups` worker task and its cron: refreshes the KPI roll-ups every minute (only the days touched since
// the last refresh). graphile-worker's known_crontabs keeps several worker processes from running it twice a minute.
import "server-only";
import { parseCronItems, type Task } from "graphile-worker";
import { refreshRollups } from "./refresh-rollups";

export const KPI_ROLLUP_TASK = "kpi_rollups";

export const kpiRollupTask: Task = async () => {
  await refreshRollups();
};

export const KPI_ROLLUP_CRON = parseCronItems([
  {
    task: KPI_ROLLUP_TASK,
    match: "* * * * *",
    identifier: KPI_ROLLUP_TASK,
    // A missed minute is not worth catching up: the next refresh covers everything since the watermark.
    options: { backfillPeriod: 0, maxAttempts: 3, queueName: KPI_ROLLUP_TASK },
  },
]);
