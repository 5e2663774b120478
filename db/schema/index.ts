export * from "./agents";
export * from "./conversations";
export * from "./customers";
export * from "./enums";
export * from "./facts";
export * from "./settings";
export * from "./teams";
export * from "./users";
