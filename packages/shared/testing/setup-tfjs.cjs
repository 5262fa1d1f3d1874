// Tests that use TensorFlow.js run it in production mode, as the services do (no per-op checks, no console nag).
const tf = require('@tensorflow/tfjs-core');
tf.enableProdMode();
