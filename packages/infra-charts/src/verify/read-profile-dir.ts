import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { KUSTOMIZATION_FILE, PROFILE_ANNOTATION } from '../manifest/dist-layout.js';
import type { Manifest, ManifestFile } from '../manifest/manifest.js';
import { parseManifests as parseYamlManifests } from './parse-manifests.js';

/** A dist folder that cannot be read as synth output: the CLIs exit 2 with this message (it names path and fix). */
export class DistDirError extends Error {
  override readonly name = 'DistDirError';
  readonly code = 'DIST_UNREADABLE';
}

const SYNTH_HINT = 'run pnpm synth to write it, or pass --dist <folder holding kind/ and eks/>';

/** The profile folders (kind, eks, ...) of a dist root; refuses a missing or empty root, or one without any. */
export function listProfileDirs(dist: string, requested?: readonly string[]): string[] {
  if (!existsSync(dist)) throw new DistDirError(`${dist} does not exist; ${SYNTH_HINT}`);
  if (!statSync(dist).isDirectory()) throw new DistDirError(`${dist} is a file, not a folder; ${SYNTH_HINT}`);
  if (existsSync(join(dist, KUSTOMIZATION_FILE)))
    throw new DistDirError(`${dist} is one profile's folder; pass its parent: --dist ${join(dist, '..')}`);
  const found = readdirSync(dist)
    .filter((name) => existsSync(join(dist, name, KUSTOMIZATION_FILE)))
    .sort();
  if (requested && requested.length > 0) {
    const missing = requested.filter((p) => !found.includes(p));
    if (missing.length > 0)
      throw new DistDirError(
        `${dist} has no synthesized profile ${missing.join(', ')} (found: ${found.join(', ') || 'none'}); ${SYNTH_HINT}`,
      );
    return [...requested];
  }
  if (found.length === 0)
    throw new DistDirError(
      `${dist} holds no synthesized profile (no <profile>/${KUSTOMIZATION_FILE} in it); ${SYNTH_HINT}`,
    );
  return found;
}

/**
 * Parses one YAML file into objects as kubectl would (js-yaml, YAML 1.2 core schema: see parse-manifests.ts); a
 * syntax error or a document that is not a Kubernetes object names the file.
 */
export function parseManifests(path: string, text: string): Manifest[] {
  let docs: Manifest[];
  try {
    docs = parseYamlManifests(text, path);
  } catch (error) {
    throw new DistDirError((error as Error).message, { cause: error });
  }
  docs.forEach((m, i) => {
    if (typeof m !== 'object' || !m.kind || !m.apiVersion || !m.metadata?.name)
      throw new DistDirError(
        `${path}: document ${i + 1} is not a Kubernetes object (needs apiVersion, kind, metadata.name)`,
      );
  });
  return docs;
}

/** The file list and profile a Kustomization declares. */
export function readKustomization(path: string, text: string): { profile: string | undefined; resources: string[] } {
  let k: { resources?: unknown; metadata?: { annotations?: Record<string, string> } } | null;
  try {
    k = parse(text);
  } catch (error) {
    throw new DistDirError(`${path}: invalid YAML: ${(error as Error).message}; run pnpm synth`, { cause: error });
  }
  if (!k || !Array.isArray(k.resources))
    throw new DistDirError(`${path} lists no resources; it is not a kustomization written by pnpm synth`);
  return { profile: k.metadata?.annotations?.[PROFILE_ANNOTATION], resources: k.resources.map(String) };
}

/**
 * Reads dist/<profile>/ as it is on disk, the files its Kustomization lists, in that order: verify and plan check
 * the real output. Refuses a missing, empty or non-dist folder, a folder of another profile, and invalid YAML.
 */
export function readProfileDir(dir: string, profile?: string): ManifestFile[] {
  if (!existsSync(dir)) throw new DistDirError(`${dir} does not exist; ${SYNTH_HINT}`);
  if (!statSync(dir).isDirectory()) throw new DistDirError(`${dir} is a file, not a folder; ${SYNTH_HINT}`);
  const kustomization = join(dir, KUSTOMIZATION_FILE);
  if (!existsSync(kustomization)) {
    const what = readdirSync(dir).length === 0 ? 'is empty' : `has no ${KUSTOMIZATION_FILE}, so it is not synth output`;
    throw new DistDirError(`${dir} ${what}; ${SYNTH_HINT}`);
  }
  const k = readKustomization(kustomization, readFileSync(kustomization, 'utf8'));
  if (profile && k.profile !== profile)
    throw new DistDirError(
      `${dir} holds profile "${k.profile ?? 'unknown'}", not "${profile}" (${PROFILE_ANNOTATION} in ${KUSTOMIZATION_FILE}); pass the folder of profile ${profile}`,
    );
  return k.resources.map((name) => {
    const path = join(dir, name);
    if (!existsSync(path))
      throw new DistDirError(`${kustomization} lists ${name}, which does not exist; run pnpm synth`);
    return { name, documents: parseManifests(path, readFileSync(path, 'utf8')) };
  });
}
