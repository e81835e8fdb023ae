"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** Re-reads the job page every second while the job runs; the server decides when it is done. */
export function JobRefresh({ running }: { running: boolean }) {
  const router = useRouter();
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => router.refresh(), 1000);
    return () => clearInterval(timer);
  }, [running, router]);
  return null;
}
