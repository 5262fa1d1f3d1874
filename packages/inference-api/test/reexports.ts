export * from '@mlops/shared';
export * as tf from '@tensorflow/tfjs';
