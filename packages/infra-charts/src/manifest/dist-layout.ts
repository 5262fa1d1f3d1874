/**
 * The file kubectl apply -k, Argo CD and Flux read in each dist/<profile>/. Named `Kustomization` (one of kustomize's
 * three recognised names) so that `kubectl apply -f dist/<profile>/`, which reads only *.yaml/*.yml/*.json, skips it.
 */
export const KUSTOMIZATION_FILE = 'Kustomization';
/** Annotation of the Kustomization naming its profile: verify and plan refuse a dist/ of another profile. */
export const PROFILE_ANNOTATION = 'mlops.platform/profile';
