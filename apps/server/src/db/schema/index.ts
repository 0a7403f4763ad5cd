export * from './org-units.ts';
export * from './accounts.ts';
export * from './audit.ts';
export * from './enterprises.ts';
export * from './registry.ts';
