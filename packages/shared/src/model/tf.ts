/**
 * TensorFlow.js as this project uses it: the core ops, the layers API and the pure-JS CPU backend, plus the
 * model pieces written in tf ops (building the network, its dense head for the training loss). Only training
 * imports this entry; scoring (`SentimentScorer`) needs none of it. Not the `@tensorflow/tfjs` bundle, whose
 * WebGL backend, converter, data API and polyfills only a browser needs (about 50 MB per container image).
 */
import '@tensorflow/tfjs-backend-cpu';

export * from '@tensorflow/tfjs-core';
export * from '@tensorflow/tfjs-layers';
export { denseLogits } from './dense-logits.js';
export { buildSentimentModel } from './sentiment-model.js';
