export * from '@mlops/shared';
export * as tf from '@mlops/shared/tf';
