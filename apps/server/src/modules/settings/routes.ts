// 安全设置 security settings: read and changed by the security administrator, every change audited.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { securitySettingsEnvelope, updateSecuritySettingsRequest } from '@qinqing/shared';
import { changes } from '../../core/audit/audit-log.ts';
import type { AppContext } from '../../core/context.ts';
import { versionConflict } from '../../core/errors.ts';
import { auditContextOf } from '../../core/http/request-context.ts';

export async function settingsRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['settings'];

  r.get(
    '/api/settings/security',
    {
      config: { access: 'settings.security' },
      schema: { tags, summary: '安全设置', response: { 200: securitySettingsEnvelope } },
    },
    async () => {
      const { value, version } = await ctx.security.getWithVersion();
      return { settings: value, version };
    },
  );

  r.put(
    '/api/settings/security',
    {
      config: { access: 'settings.security' },
      schema: {
        tags,
        summary: '修改安全设置',
        body: updateSecuritySettingsRequest,
        response: { 200: securitySettingsEnvelope },
      },
    },
    async (request) => {
      ctx.security.invalidate();
      const before = await ctx.security.getWithVersion();
      const diff = changes(before.value, request.body.settings);
      if (request.body.version !== before.version) throw versionConflict();
      // Nothing changed: nothing to write or audit.
      if (diff) {
        await ctx.database.db.transaction(async (tx) => {
          if (!(await ctx.security.save(tx, request.body.settings, request.body.version)))
            throw versionConflict();
          await ctx.audit.record(tx, auditContextOf(request), {
            action: 'settings.security_updated',
            objectType: 'settings',
            objectId: 'security',
            detail: diff,
          });
        });
        ctx.security.invalidate();
      }
      const { value, version } = await ctx.security.getWithVersion();
      return { settings: value, version };
    },
  );
}
