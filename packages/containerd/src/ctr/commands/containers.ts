import type { Command } from 'commander';
import type { WithConnection } from '../types';
import { registerContainerCreate } from './containers/create';
import { registerContainerDelete } from './containers/delete';
import { registerContainerInfo } from './containers/info';
import { registerContainerList } from './containers/list';

export function registerContainers(program: Command, withConnection: WithConnection): void {
  const containers = program.command('containers').alias('c').description('container records').enablePositionalOptions();
  for (const register of [registerContainerCreate, registerContainerList, registerContainerInfo, registerContainerDelete]) register(containers, withConnection);
}
