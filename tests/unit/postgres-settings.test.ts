import { describe, expect, it } from "vitest";
import { postgresSettings } from "@/scripts/lib/postgres-settings.mts";

const GB = 1024 ** 3;

describe("PostgreSQL settings sized to the machine", () => {
  it("gives a quarter of memory to shared buffers and counts three quarters as cache", () => {
    const settings = postgresSettings({ memoryBytes: 16 * GB, cpus: 4 });
    expect(settings).toMatchObject({
      shared_buffers: "4096MB",
      effective_cache_size: "12288MB",
      maintenance_work_mem: "1024MB",
      max_parallel_workers_per_gather: "2",
      jit: "off",
    });
  });

  it("caps shared buffers at 8 GB on a large machine and keeps a small one usable", () => {
    expect(postgresSettings({ memoryBytes: 256 * GB, cpus: 64 }).shared_buffers).toBe("8192MB");
    expect(postgresSettings({ memoryBytes: 0.25 * GB, cpus: 1 })).toMatchObject({
      shared_buffers: "128MB",
      maintenance_work_mem: "64MB",
      max_parallel_workers_per_gather: "0",
    });
  });
});
