// Vitest runs outside React's server environment; the real "server-only" would throw there.
export {};
