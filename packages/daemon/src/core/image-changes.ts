// Docker's `--change` instructions (`docker import -c`, `docker commit -c`): Dockerfile lines
// applied to an image's config. Turned into the JSON "config" fields skiff-containerd lays over
// the image's own.
import { invalidArgument } from '@skiff/errors';

export type ConfigChanges = Record<string, unknown>;

const ALLOWED = ['CMD', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'LABEL', 'ONBUILD', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR'];

/** A JSON array of strings as Dockerfile's exec form, or undefined for the shell form. */
function execForm(rest: string): string[] | undefined {
  if (!rest.startsWith('[')) return undefined;
  try {
    const parsed: unknown = JSON.parse(rest);
    if (Array.isArray(parsed) && parsed.every((x) => typeof x === 'string')) return parsed;
  } catch {
    // Not JSON: Docker then takes the line as the shell form.
  }
  return undefined;
}

/** "A=1 B=2" or the legacy "A 1" form, as Dockerfile reads ENV and LABEL. */
function keyValues(instruction: string, rest: string): Array<[string, string]> {
  const words = rest.match(/(?:[^\s"']+|"[^"]*"|'[^']*')+/g) ?? [];
  if (words.length > 0 && !words[0]!.includes('=')) {
    const space = rest.search(/\s/);
    if (space < 0) throw invalidArgument(`${instruction} names can not be blank`);
    return [[rest.slice(0, space), rest.slice(space).trim()]];
  }
  return words.map((w) => {
    const eq = w.indexOf('=');
    if (eq <= 0) throw invalidArgument(`${instruction} names can not be blank`);
    return [w.slice(0, eq), w.slice(eq + 1).replace(/^"(.*)"$|^'(.*)'$/, '$1$2')];
  });
}

/** Applies each change line in order onto base (the image's current config object). */
export function parseChanges(lines: readonly string[], base: ConfigChanges = {}): ConfigChanges {
  const out: ConfigChanges = {};
  const current = (key: string) => (key in out ? out[key] : base[key]);
  for (const line of lines) {
    const trimmed = line.trim();
    if (trimmed === '') continue;
    const space = trimmed.search(/\s/);
    const instruction = (space < 0 ? trimmed : trimmed.slice(0, space)).toUpperCase();
    const rest = space < 0 ? '' : trimmed.slice(space).trim();
    if (!ALLOWED.includes(instruction)) throw invalidArgument(`${instruction.toLowerCase()} is not a valid change command`);
    switch (instruction) {
      case 'CMD':
      case 'ENTRYPOINT': {
        const key = instruction === 'CMD' ? 'Cmd' : 'Entrypoint';
        out[key] = execForm(rest) ?? ['/bin/sh', '-c', rest];
        break;
      }
      case 'ENV': {
        const env = [...((current('Env') as string[] | null | undefined) ?? [])];
        for (const [k, v] of keyValues('ENV', rest)) {
          const i = env.findIndex((e) => e.split('=', 1)[0] === k);
          if (i >= 0) env[i] = `${k}=${v}`;
          else env.push(`${k}=${v}`);
        }
        out.Env = env;
        break;
      }
      case 'LABEL':
        out.Labels = { ...((current('Labels') as Record<string, string> | null | undefined) ?? {}), ...Object.fromEntries(keyValues('LABEL', rest)) };
        break;
      case 'EXPOSE': {
        const ports = { ...((current('ExposedPorts') as Record<string, object> | undefined) ?? {}) };
        for (const p of rest.split(/\s+/).filter(Boolean)) ports[p.includes('/') ? p : `${p}/tcp`] = {};
        out.ExposedPorts = ports;
        break;
      }
      case 'VOLUME': {
        const volumes = { ...((current('Volumes') as Record<string, object> | undefined) ?? {}) };
        for (const v of execForm(rest) ?? rest.split(/\s+/).filter(Boolean)) volumes[v] = {};
        out.Volumes = volumes;
        break;
      }
      case 'ONBUILD':
        out.OnBuild = [...((current('OnBuild') as string[] | null | undefined) ?? []), rest];
        break;
      case 'STOPSIGNAL':
        out.StopSignal = rest;
        break;
      case 'USER':
        out.User = rest;
        break;
      case 'WORKDIR':
        out.WorkingDir = rest;
        break;
    }
  }
  return out;
}
