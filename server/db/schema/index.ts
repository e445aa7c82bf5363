export * from "./auth";
export * from "./audit";
export * from "./catalog";
export * from "./exports";
export * from "./policy";
export * from "./reviews";
export * from "./taxonomy";
export * from "./lineage";
