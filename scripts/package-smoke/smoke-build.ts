import fs from 'node:fs';
import path from 'node:path';
import { build, Platform, type Configuration } from 'electron-builder';

/**
 * The smoke build's one difference from electron-builder.yml, merged over it by electron-builder:
 * where Electron comes from (the stand-in), where the output goes, and no fuses — fuses are bits
 * flipped inside the real Electron binary, and the stand-in has none. Real builds
 * (`npm run package`) keep the fuses configured in electron-builder.yml.
 */
export function smokeBuildOverride(electronDist: string, outputDir: string): Configuration {
  return { electronDist, electronFuses: null, directories: { output: outputDir } };
}

/** `electron-builder --linux dir` for this machine's architecture; returns the `resources` folder. */
export async function buildSmokePackage(projectDir: string, electronDist: string, outputDir: string): Promise<string> {
  await build({
    projectDir,
    targets: Platform.LINUX.createTarget('dir'),
    config: smokeBuildOverride(electronDist, outputDir),
    publish: 'never',
  });
  // linux-unpacked on x64, linux-<arch>-unpacked elsewhere.
  const unpacked = fs.readdirSync(outputDir).find((name) => name.startsWith('linux') && name.endsWith('-unpacked'));
  if (!unpacked) throw new Error(`electron-builder wrote no linux*-unpacked folder into ${outputDir}`);
  return path.join(outputDir, unpacked, 'resources');
}
