import type { Command } from 'commander';
import type { WithConnection } from '../types';
import { registerTaskDelete } from './tasks/delete';
import { registerTaskExec } from './tasks/exec';
import { registerTaskKill } from './tasks/kill';
import { registerTaskList } from './tasks/list';
import { registerTaskMetrics } from './tasks/metrics';
import { registerTaskPause } from './tasks/pause';
import { registerTaskPs } from './tasks/ps';
import { registerTaskResume } from './tasks/resume';
import { registerTaskStart } from './tasks/start';
import { registerTaskWait } from './tasks/wait';

export function registerTasks(program: Command, withConnection: WithConnection): void {
  const tasks = program.command('tasks').alias('t').description('running containers').enablePositionalOptions();
  for (const register of [
    registerTaskStart,
    registerTaskList,
    registerTaskKill,
    registerTaskDelete,
    registerTaskExec,
    registerTaskPs,
    registerTaskPause,
    registerTaskResume,
    registerTaskWait,
    registerTaskMetrics,
  ]) {
    register(tasks, withConnection);
  }
}
