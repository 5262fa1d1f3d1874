export * from './api-env.js';
export * from './api-key-file.js';
export * from './api-workload.js';
export * from './names.js';
export * from './object-storage.js';
export * from './secret-names.js';
