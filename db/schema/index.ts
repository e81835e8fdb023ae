export * from "./audit";
export * from "./cards";
export * from "./customers";
export * from "@/db/schema/notifications";
export * from "./plans";
export * from "./renewals";
export * from "./staff";
export * from "./desk";
