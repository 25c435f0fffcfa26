// Networks as JSON files under <data-root>/networks, one per network, written atomically (a
// rename), so a restart finds them as they were.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';

export const NetworkDefSchema = z.object({
  Name: z.string(),
  Id: z.string().regex(/^[0-9a-f]{64}$/),
  Created: z.string(),
  Driver: z.literal('bridge'),
  Internal: z.boolean(),
  Attachable: z.boolean(),
  Labels: z.record(z.string(), z.string()),
  Options: z.record(z.string(), z.string()),
  Subnet: z.string(),
  Gateway: z.string(),
  /** IPAM's IPRange: containers get addresses from this part of the subnet only. */
  IPRange: z.string().optional(),
  /** IPAM's AuxiliaryAddresses: names for addresses no container gets. */
  AuxAddresses: z.record(z.string(), z.string()).default({}),
  /** Whether the subnet was given at create: Docker allows static container addresses only then. */
  ConfiguredSubnet: z.boolean().default(false),
  /** The Linux bridge device: the configured one for `bridge`, br-<12 hex of the id> for the others. */
  Bridge: z.string(),
});
export type NetworkDef = z.infer<typeof NetworkDefSchema>;

export class NetworkStore {
  constructor(readonly dir: string) {}

  loadAll(): { defs: NetworkDef[]; problems: Array<{ file: string; error: string }> } {
    const defs: NetworkDef[] = [];
    const problems: Array<{ file: string; error: string }> = [];
    let files: string[] = [];
    try {
      files = fs.readdirSync(this.dir).filter((f) => f.endsWith('.json'));
    } catch {
      return { defs, problems };
    }
    for (const f of files) {
      const file = path.join(this.dir, f);
      try {
        defs.push(NetworkDefSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8'))));
      } catch (err) {
        problems.push({ file, error: (err as Error).message });
      }
    }
    return { defs, problems };
  }

  save(def: NetworkDef): void {
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const file = path.join(this.dir, `${def.Id}.json`);
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(def));
    fs.renameSync(`${file}.tmp`, file);
  }

  remove(id: string): void {
    fs.rmSync(path.join(this.dir, `${id}.json`), { force: true });
  }
}
