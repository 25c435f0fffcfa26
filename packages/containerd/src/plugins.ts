// The plugin registry: every part of skiff-containerd (event bus, metadata, runtime, each gRPC
// service, and later content and snapshotters) is a plugin with a type and an id, initialised
// in dependency order. Replacing a part means registering another plugin under the same type
// and id before start-up, without touching the others.
import type * as grpc from '@grpc/grpc-js';
import { failedPrecondition, notFound } from '@skiff/errors';
import type { Config } from './config';
import type { Logger } from './log';

export type PluginType = 'events' | 'metadata' | 'runtime' | 'content' | 'snapshotter' | 'grpc';

export interface PluginContext {
  config: Config;
  log: Logger;
  /** The instance of an initialised plugin this one requires. */
  get<T>(type: PluginType, id: string): T;
}

export interface Plugin<T = unknown> {
  type: PluginType;
  id: string;
  /** "type/id" of the plugins whose instances init() asks for. */
  requires?: string[];
  init(ctx: PluginContext): T | Promise<T>;
  /** Called, in order of initialisation, once the server answers on its socket. */
  serving?(instance: T): void;
  /** Called in reverse order of initialisation when containerd stops. */
  close?(instance: T): void | Promise<void>;
}

/** What a "grpc" plugin's instance is: something that adds its service to the server. */
export interface GrpcServicePlugin {
  register(server: grpc.Server): void;
}

export class PluginRegistry {
  private readonly plugins = new Map<string, Plugin>();
  private readonly instances = new Map<string, unknown>();
  private readonly order: string[] = [];

  /** Adds or replaces the plugin with this type and id. */
  register(plugin: Plugin<any>): this {
    this.plugins.set(`${plugin.type}/${plugin.id}`, plugin);
    return this;
  }

  list(): Array<{ type: PluginType; id: string; requires: string[] }> {
    return [...this.plugins.values()].map((p) => ({ type: p.type, id: p.id, requires: p.requires ?? [] }));
  }

  get<T>(type: PluginType, id: string): T {
    const key = `${type}/${id}`;
    if (!this.instances.has(key)) throw notFound(`plugin ${key} is not initialised`);
    return this.instances.get(key) as T;
  }

  instancesOf<T>(type: PluginType): T[] {
    return this.order.filter((key) => key.startsWith(`${type}/`)).map((key) => this.instances.get(key) as T);
  }

  /** Initialises every plugin after the ones it requires; a cycle or a missing one is an error. */
  async init(config: Config, log: Logger): Promise<void> {
    const visiting = new Set<string>();
    const visit = async (key: string, from?: string): Promise<void> => {
      if (this.instances.has(key)) return;
      const plugin = this.plugins.get(key);
      if (!plugin) throw failedPrecondition(`plugin ${from} requires ${key}, which is not registered`);
      if (visiting.has(key)) throw failedPrecondition(`plugins require each other in a cycle through ${key}`);
      visiting.add(key);
      for (const dep of plugin.requires ?? []) await visit(dep, key);
      const ctx: PluginContext = {
        config,
        log: log.child({ plugin: key }),
        get: <T>(type: PluginType, id: string): T => {
          const wanted = `${type}/${id}`;
          if (!(plugin.requires ?? []).includes(wanted)) throw failedPrecondition(`plugin ${key} asked for ${wanted} without requiring it`);
          return this.get<T>(type, id);
        },
      };
      this.instances.set(key, await plugin.init(ctx));
      this.order.push(key);
      visiting.delete(key);
    };
    for (const key of this.plugins.keys()) await visit(key);
  }

  /** Tells every plugin that the server answers: for background work that must not delay that. */
  serving(): void {
    for (const key of this.order) this.plugins.get(key)!.serving?.(this.instances.get(key));
  }

  async close(): Promise<void> {
    for (const key of [...this.order].reverse()) {
      const plugin = this.plugins.get(key)!;
      await plugin.close?.(this.instances.get(key));
    }
    this.instances.clear();
    this.order.length = 0;
  }
}
