export * from './constants';
export * from './syscalls';
