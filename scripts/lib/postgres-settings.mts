/**
 * PostgreSQL settings for this workload, sized to the machine: the embedded
 * server `npm start` runs passes them as -c flags, and the README lists the
 * same values for a server run apart (postgresql.conf or ALTER SYSTEM).
 *
 * - shared_buffers: a quarter of memory (PostgreSQL's own guidance), at most
 *   8 GB; the lookup indexes of 1M customers (~1 GB) stay resident.
 * - effective_cache_size: three quarters, so the planner counts on the OS cache.
 * - work_mem: 16 MB per sort or hash; the console's statements sort tens of
 *   rows, and reports read rollups, so this is for the odd bigger group-by.
 * - maintenance_work_mem: an eighth of memory up to 1 GB (index builds in the seed, vacuum).
 * - jit off: every statement here runs in milliseconds; compiling one costs more than it saves.
 * - random_page_cost 1.1: SSD storage, index probes are nearly as cheap as sequential reads.
 * - max_wal_size 4 GB and a spread checkpoint: bulk loads without checkpoint storms.
 */
export function postgresSettings(machine: { memoryBytes: number; cpus: number }): Record<string, string> {
  const mb = Math.floor(machine.memoryBytes / 1024 / 1024);
  const clamp = (value: number, low: number, high: number) => Math.max(low, Math.min(high, Math.floor(value)));
  return {
    shared_buffers: `${clamp(mb / 4, 128, 8192)}MB`,
    effective_cache_size: `${clamp((mb * 3) / 4, 256, 1_048_576)}MB`,
    work_mem: "16MB",
    maintenance_work_mem: `${clamp(mb / 8, 64, 1024)}MB`,
    jit: "off",
    random_page_cost: "1.1",
    max_wal_size: "4GB",
    checkpoint_completion_target: "0.9",
    max_parallel_workers_per_gather: String(clamp(machine.cpus / 2, 0, 4)),
  };
}
