import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
// app-builder-lib ships CommonJS without an exports map; this is how electron-builder itself reads the file.
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util';
import type { Configuration } from 'app-builder-lib';

// Installers cannot be built here (no Electron binary, no signing identities), so the configuration is
// loaded and validated the way electron-builder does, and what it promises is checked against the tree.

const root = resolve('.');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  main: string;
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
};

async function loadConfig(): Promise<Configuration> {
  const config = await getConfig(root, null, null);
  await validateConfiguration(config, new DebugLogger(false));
  return config;
}

type TargetList = (string | { target: string })[] | string | { target: string } | null | undefined;
const targetNames = (t: TargetList) => (Array.isArray(t) ? t : t ? [t] : []).map((x) => (typeof x === 'string' ? x : x.target));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(name) && !/\.(test|fixtures)\.tsx?$/.test(name) ? [p] : [];
  });
}

/** Packages the main process and preload load at run time (type-only imports are erased). */
function runtimePackages(): Set<string> {
  const found = new Set<string>();
  for (const file of [...sourceFiles('src-main'), ...sourceFiles('src-shared')]) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^\s*(?:import|export)\s+(?!type\s)(?:[^'"]*?\sfrom\s+)?['"]([^'".][^'"]*)['"]/gm)) {
      const spec = m[1] as string;
      if (spec.startsWith('node:')) continue;
      found.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : (spec.split('/')[0] as string));
    }
  }
  return found;
}

describe('electron-builder configuration', () => {
  it('is valid for electron-builder, with the app id and the product name 接诉台', async () => {
    const c = await loadConfig();
    expect(c.appId).toBe('org.jiesu.desk');
    expect(c.productName).toBe('接诉台');
    expect(c.directories?.output).toBe('release');
    expect(pkg.scripts.dist).toBe('electron-vite build && electron-builder');
  });

  it('builds a Windows NSIS installer, a macOS dmg, and a Linux AppImage and deb', async () => {
    const c = await loadConfig();
    expect(targetNames(c.win?.target as TargetList)).toEqual(['nsis']);
    expect(targetNames(c.mac?.target as TargetList)).toEqual(['dmg']);
    expect(targetNames(c.linux?.target as TargetList)).toEqual(['AppImage', 'deb']);
    expect(c.nsis?.shortcutName).toBe('接诉台');
  });

  it('points at icons that exist and are real ICO, ICNS and 512×512 PNG files', async () => {
    const c = await loadConfig();
    const ico = readFileSync(c.win?.icon as string);
    expect(ico.readUInt16LE(2)).toBe(1);
    expect(ico.readUInt16LE(4)).toBeGreaterThanOrEqual(5);
    const icns = readFileSync(c.mac?.icon as string);
    expect(icns.subarray(0, 4).toString('latin1')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const png = readFileSync('build/icon.png');
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
    expect(existsSync(join(c.linux?.icon as string, '256x256.png'))).toBe(true);
  });

  it('ships the CJK font files and their licence as extra resources, laid out as the documents service reads them', async () => {
    const c = await loadConfig();
    const resources = c.extraResources as { from: string; to: string; filter?: string[] }[];
    const fonts = resources.find((r) => r.to === 'fonts');
    expect(fonts?.filter).toEqual(['400Regular/NotoSansSC_400Regular.ttf', '700Bold/NotoSansSC_700Bold.ttf', 'LICENSE_FONT']);
    for (const f of fonts?.filter ?? []) expect(statSync(join(fonts?.from as string, f)).size, f).toBeGreaterThan(1000);
    expect(readFileSync(join(fonts?.from as string, 'LICENSE_FONT'), 'utf8')).toContain('SIL Open Font License');
    expect(resources.some((r) => r.from === 'build/fonts-LICENSE.md' && r.to.startsWith('fonts/'))).toBe(true);
    // The packaged main process passes resources/fonts as fontDir (src-main/index.ts).
    expect(readFileSync('src-main/index.ts', 'utf8')).toContain("fontDir: join(process.resourcesPath, 'fonts')");
    expect(resources.some((r) => r.from === 'build/icon.png' && r.to === 'icon.png')).toBe(true);
  });

  it('packs the built app and never leaves out a package the main process loads', async () => {
    const c = await loadConfig();
    const patterns = (c.files as { filter: string[] }[] | string[]).flatMap((f) => (typeof f === 'string' ? [f] : f.filter));
    expect(patterns).toContain('out/**');
    expect(pkg.main).toBe('out/main/index.js');
    const excluded = patterns
      .filter((p) => p.startsWith('!node_modules/'))
      .flatMap((p) => {
        const m = /^!node_modules\/(?:\{([^}]*)\}|([^{]+?))(\{,\/\*\*\})?$/.exec(p);
        return m ? (m[1] ?? m[2] ?? '').split(',') : [];
      });
    expect(excluded).toContain('antd');
    // pdf.js is bundled into the renderer; its optional native canvas (@napi-rs/canvas) must not ride along.
    expect(excluded).toEqual(expect.arrayContaining(['pdfjs-dist', '@napi-rs']));
    const needed = runtimePackages();
    needed.delete('electron');
    expect(needed.size).toBeGreaterThan(2);
    for (const name of needed) {
      expect(
        excluded.some((e) => name === e || name.startsWith(`${e}/`)),
        `${name} is excluded from the package`,
      ).toBe(false);
      // The CJK font package is excluded from app.asar on purpose: it ships as resources/fonts instead.
      if (name !== '@expo-google-fonts/noto-sans-sc') expect(pkg.dependencies[name], `${name} must be a dependency, not a devDependency`).toBeDefined();
    }
  });
});

describe('electron-vite build configuration', () => {
  it('builds the sandboxed preload as CommonJS where the main process looks for it, and the renderer with jitless zod', async () => {
    const { default: config } = (await import('../../electron.vite.config')) as unknown as {
      default: {
        preload: { build: { outDir: string; rollupOptions: { output: { format: string; entryFileNames: string } } } };
        renderer: { resolve: { alias: { find: RegExp; replacement: string }[] } };
      };
    };
    const preload = config.preload.build;
    expect(preload.rollupOptions.output.format).toBe('cjs');
    expect(`${preload.outDir}/${preload.rollupOptions.output.entryFileNames.replace('[name]', 'index')}`).toBe('out/preload/index.cjs');
    expect(readFileSync('src-main/index.ts', 'utf8')).toContain("join(appRoot, 'out/preload/index.cjs')");
    const alias = config.renderer.resolve.alias.find((a) => a.find.test('zod'));
    expect(alias?.replacement).toBe(resolve('src-shared/zod-csp.ts'));
    expect(alias?.find.test('zod/v4')).toBe(false);
  });
});
