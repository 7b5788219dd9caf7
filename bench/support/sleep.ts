// A promise that resolves after `ms` milliseconds (the benches' pauses and polling).
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
