export * from "./auth";
export * from "./audit";
export * from "./exports";
export * from "./taxonomy";
