/**
 * TensorFlow.js as this project uses it: the core ops, the layers API and the pure-JS CPU backend.
 * Not the `@tensorflow/tfjs` bundle, whose WebGL backend, converter, data API and polyfills only a
 * browser needs and which would add about 50 MB to each container image.
 */
import '@tensorflow/tfjs-backend-cpu';

export * from '@tensorflow/tfjs-core';
export * from '@tensorflow/tfjs-layers';
