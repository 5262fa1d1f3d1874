export * from './check-semantics.js';
export * from './load-platform-config.js';
export * from './names.js';
export * from './platform-config-schema.js';
export * from './quantity.js';
export * from './to-config-json-schema.js';
export * from './validate-platform-config.js';
