export * from './runtime-config';
export * from './validate';
export * from './state';
export * from './default-spec';
export * from './features';
