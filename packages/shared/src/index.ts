// @qinqing/shared: what the server and the web app agree on — schemas, roles, permissions, error codes.
export * from './errors.ts';
export * from './access.ts';
export * from './org-units.ts';
export * from './text.ts';
export * from './schemas/common.ts';
export * from './schemas/auth.ts';
export * from './schemas/users.ts';
export * from './schemas/org-units.ts';
export * from './schemas/audit.ts';
export * from './schemas/settings.ts';
export * from './uscc.ts';
export * from './schemas/registry.ts';
