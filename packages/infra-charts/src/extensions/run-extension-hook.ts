import { Construct } from 'constructs';
import type { PlatformExtension } from './platform-extension.js';

/** Calls one hook of an extension in a scope of its own; a throwing hook fails synth naming the extension and where. */
export function runExtensionHook(
  parent: Construct,
  extension: PlatformExtension,
  where: string,
  hook: (scope: Construct) => void,
): void {
  const scope = new Construct(parent, `extension-${extension.name}`);
  try {
    hook(scope);
  } catch (error) {
    throw new Error(
      `extension "${extension.name}" failed for ${where}: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
}
